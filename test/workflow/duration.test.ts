/**
 * src/workflow/duration.ts: the timeout props' type. Each unit's factor is pinned by an exact number of
 * seconds (Stryker has no numeric-literal mutator), and the text is what error messages show.
 */
import { Duration } from "../../src/workflow/duration";

describe("Duration", () => {
  test.each([
    [Duration.seconds(90), 90, "90 seconds"],
    [Duration.minutes(2), 120, "2 minutes"],
    [Duration.hours(3), 10800, "3 hours"],
    [Duration.days(2), 172800, "2 days"],
    [Duration.minutes(0.5), 30, "0.5 minutes"],
  ])("%s is %i seconds, shown as it was written", (duration, seconds, shown) => {
    expect({ seconds: duration.toSeconds(), shown: duration.toString() }).toEqual({ seconds, shown });
  });
});
