/** Jest global teardown: removes the module global-setup.ts synthesized for the run. */
import * as fs from "fs";
import { SYNTHESIZED_ENV } from "./synthesized";

export default function globalTeardown(): void {
  const file = process.env[SYNTHESIZED_ENV];
  if (file !== undefined) fs.rmSync(file, { force: true });
}
