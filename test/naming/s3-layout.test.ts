/** src/naming/s3-layout.ts: the keys the data-prep container writes, which the workflow and the roles rely on. */
import {
  GENERAL_PREFIX,
  LOW_VOLUME_PREFIX,
  TEST_SET_KEY,
  TRAIN_SET_KEY,
  TRAINING_PREFIX,
} from "../../src/naming/s3-layout";

test("the datasets of batch 2026011508 live under training/, by model, then batch, then set", () => {
  const key = (prefix: string, set: string) => `${prefix}2026011508/${set}`;
  expect([
    key(GENERAL_PREFIX, TRAIN_SET_KEY),
    key(GENERAL_PREFIX, TEST_SET_KEY),
    key(LOW_VOLUME_PREFIX, TRAIN_SET_KEY),
  ]).toEqual([
    "training/gata-general/2026011508/train/data.json",
    "training/gata-general/2026011508/test/data.json",
    "training/gata-low-vol/2026011508/train/data.json",
  ]);
  expect([GENERAL_PREFIX, LOW_VOLUME_PREFIX].every((prefix) => prefix.startsWith(TRAINING_PREFIX))).toBe(true);
});
