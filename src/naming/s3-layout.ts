/**
 * Where the datasets live in `s3_bucket_name`: the data-prep container writes them, the state
 * machine looks for the low-volume one, and both roles are limited to this prefix. Pure.
 */

/** Every dataset key starts here; the roles' S3 permissions are scoped to it. */
export const TRAINING_PREFIX = "training/";

/** The general model's datasets: `training/gata-general/<BatchID>/{train,test}/data.json`. */
export const GENERAL_PREFIX = `${TRAINING_PREFIX}gata-general/`;

/**
 * The low-volume model's datasets: `training/gata-low-vol/<BatchID>/{train,test}/data.json`. The
 * container writes the train set only when there is enough low-volume data to train on.
 */
export const LOW_VOLUME_PREFIX = `${TRAINING_PREFIX}gata-low-vol/`;

/** A dataset's key below its model's prefix and batch. */
export const TRAIN_SET_KEY = "train/data.json";
export const TEST_SET_KEY = "test/data.json";
