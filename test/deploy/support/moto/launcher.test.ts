import { discoverMoto, motoEnv } from "./launcher";

describe("motoEnv", () => {
  test("replaces every AWS setting of the caller's with moto's endpoint, keys and region, and keeps the rest", () => {
    // GIVEN
    const base = {
      PATH: "/bin",
      AWS_PROFILE: "prod",
      AWS_ENDPOINT_URL_S3: "https://s3.example",
      AWS_SESSION_TOKEN: "t",
    };

    // WHEN
    const env = motoEnv(base, { endpoint: "http://127.0.0.1:4000", accountId: "111122223333", region: "eu-west-1" });

    // THEN
    expect(env).toEqual({
      PATH: "/bin",
      AWS_ENDPOINT_URL: "http://127.0.0.1:4000",
      AWS_ACCESS_KEY_ID: "111122223333",
      AWS_SECRET_ACCESS_KEY: "moto",
      AWS_REGION: "eu-west-1",
      AWS_CONFIG_FILE: expect.stringMatching(/finetune-workflow-no-aws-file$/),
      AWS_SHARED_CREDENTIALS_FILE: expect.stringMatching(/finetune-workflow-no-aws-file$/),
      AWS_EC2_METADATA_DISABLED: "true",
    });
  });
});

describe("discoverMoto", () => {
  test("without a Python to run moto, says how to get it", () => {
    expect(discoverMoto("/nonexistent/python3")).toEqual({
      missing: expect.stringMatching(
        /^no `\/nonexistent\/python3` to run moto \(.*\); then pip install "moto\[server\]"$/,
      ),
    });
  });

  test("with a Python that lacks moto, says how to install it", () => {
    // `false` runs and fails, as a Python whose `import moto` fails does.
    expect(discoverMoto("false")).toEqual({
      missing: 'moto\'s server cannot be imported by false: pip install "moto[server]"',
    });
  });
});
