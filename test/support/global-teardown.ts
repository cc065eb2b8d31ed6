/** Jest global teardown: removes the module global-setup.ts synthesized for the run. */
import * as fs from "fs";
import { SYNTHESIZED_FILE } from "./global-setup";

export default function globalTeardown(): void {
  fs.rmSync(SYNTHESIZED_FILE, { force: true });
}
