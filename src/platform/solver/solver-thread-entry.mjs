// Workers do not inherit tsx's loader: register it here, then run the engine's TypeScript thread module.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.engineThread);
