// Evaluates JSONata for moto's Step Functions interpreter, which ships without an evaluator
// (moto/stepfunctions/parser/asl/jsonata/jsonata.py leaves `_eval_jsonata` unset). One JSON
// request a line on stdin, {"id": n, "expression": "..."}, one answer a line on stdout with the
// request's ID: {"id": n, "value": ...}, {"id": n, "value": null} for an undefined result as moto
// expects, or {"id": n, "error": "..."}. Requests may come before earlier ones are answered.
// moto hands over self-contained expressions, the variables declared inside them.
const readline = require("readline");
const jsonata = require("jsonata");

const lines = readline.createInterface({ input: process.stdin });
const queue = [];
let busy = false;

async function drain() {
  if (busy) return;
  busy = true;
  for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
    const { id, expression } = JSON.parse(line);
    let answer;
    try {
      const value = await jsonata(expression).evaluate(undefined);
      answer = { id, value: value === undefined ? null : value };
    } catch (error) {
      answer = { id, error: `${error.code ?? "JSONata"}: ${error.message}` };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
  busy = false;
}

lines.on("line", (line) => {
  queue.push(line);
  void drain();
});
