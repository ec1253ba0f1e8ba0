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
export { type ProposeOptions, proposeConsortia } from "./propose.js";
