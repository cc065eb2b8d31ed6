/**
 * A length of time for the construct's timeout props, in whole seconds because that is what
 * Step Functions' `TimeoutSeconds` takes. Pure: no cdktf import.
 * @see https://states-language.net/spec.html#task-state
 */
export class Duration {
  static seconds(amount: number): Duration {
    return new Duration(amount, "seconds", amount);
  }

  static minutes(amount: number): Duration {
    return new Duration(amount * 60, "minutes", amount);
  }

  static hours(amount: number): Duration {
    return new Duration(amount * 3600, "hours", amount);
  }

  static days(amount: number): Duration {
    return new Duration(amount * 86400, "days", amount);
  }

  private constructor(
    private readonly totalSeconds: number,
    private readonly unit: string,
    private readonly amount: number,
  ) {}

  /** The duration in seconds; validation refuses durations that are not whole seconds. */
  toSeconds(): number {
    return this.totalSeconds;
  }

  /** As it was written, e.g. `4 hours`, for error messages. */
  toString(): string {
    return `${this.amount} ${this.unit}`;
  }
}
