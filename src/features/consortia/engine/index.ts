// The consortium engine's public face: the Slack feature imports the engine from here only.
export type {
  ConsortiumCandidate,
  ConsortiumConstraints,
  ConsortiumImpossibility,
  ConsortiumMemberPick,
  ConsortiumOutcome,
  ConsortiumProposal,
  ConsortiumRequest,
  ConsortiumRole,
  RoleFit,
} from "./consortium-problem.js";
export {
  type ConsortiumAnswer,
  proposeConsortiaInWorker,
  stopConsortiumEngine,
  warmUpConsortiumEngine,
} from "./consortium-worker.js";
export { generateConsortiumRequest } from "./instance-generator.js";
export { type ProposeOptions, proposeConsortia } from "./propose.js";
