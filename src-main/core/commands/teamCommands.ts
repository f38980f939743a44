// Consensus decisions on the disagreement worklist: each one a command, so it is one undo step and every window's
// worklist and reader refresh.
import type { Coding } from '../../contract/types';
import { planDecision, type DecisionPlan } from '../team/disagreements';
import type { Scope } from '../history';
import type { Project } from '../store/Project';
import { command } from './command';

function consensusRow(project: Project, plan: DecisionPlan): Scope {
  const row = project.coders.byName(plan.consensus);
  return row ? { coders: [row.id] } : {};
}

const DECISION_LABELS = { acceptX: 'Accept coder X', acceptY: 'Accept coder Y', acceptBoth: 'Accept both coders', reject: 'Reject coding', edit: 'Edit consensus coding' };

export const decideDisagreement = command<'team.decide', DecisionPlan>({
  name: 'team.decide',
  label: ({ decision }) => DECISION_LABELS[decision],
  prepare: ({ project }, request) => ({ plan: planDecision(project, request) }),
  // The consensus coder's row too: the first decision creates it (a trigger of the coders migration), and undoing
  // that decision removes it again, like a coding by a new coder.
  scope: ({ project }, _req, plan) => ({ codings: plan.remove, ...consensusRow(project, plan) }),
  created: ({ project }, _req, result, plan) => ({ codings: result.written.map((c) => c.id), ...consensusRow(project, plan) }),
  run: ({ project }, { decision }, plan) => {
    for (const id of plan.remove) project.codings.remove(id);
    const written: Coding[] = plan.write.map((w) => project.codings.apply({ articleId: plan.articleId, ...w, coder: plan.consensus }));
    return { decision, written, removed: plan.remove.length };
  },
  changes: (_req, _result, plan) => ({ entities: ['codings'], articleIds: [plan.articleId] }),
});

export const teamCommands = {
  'team.decide': decideDisagreement,
} as const;
