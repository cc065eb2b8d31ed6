import { App } from "cdktf";
import { FinetuneWorkflowModule } from "./src/module-stack";

const app = new App();
new FinetuneWorkflowModule(app, "finetune-workflow");
app.synth();
