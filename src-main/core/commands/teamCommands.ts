// Consensus decisions on the disagreement worklist: each one a command, so it is one undo step and every window's
// worklist and reader refresh.
import type { Coding } from '../../contract/types';
import { planDecision, type DecisionPlan } from '../team/disagreements';
import { command } from './command';

const DECISION_LABELS = { acceptX: 'Accept coder X', acceptY: 'Accept coder Y', acceptBoth: 'Accept both coders', reject: 'Reject coding', edit: 'Edit consensus coding' };

export const decideDisagreement = command<'team.decide', DecisionPlan>({
  name: 'team.decide',
  label: ({ decision }) => DECISION_LABELS[decision],
  prepare: ({ project }, request) => ({ plan: planDecision(project, request) }),
  scope: (_ctx, _req, plan) => ({ codings: plan.remove }),
  created: (_ctx, _req, result) => ({ codings: result.written.map((c) => c.id) }),
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
