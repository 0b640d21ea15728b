import type { Projection } from './core/projection';
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { campaignProgressProjection } from './campaign-progress/campaign-progress.projection';
import { councilTallyProjection } from './council-tally/council-tally.projection';
import { dossierProjection } from './dossier/dossier.projection';
import { fairnessProjection } from './fairness/fairness.projection';
import { honourListProjection } from './honour-list/honour-list.projection';

/** Every read model, in the order the worker starts them. */
export const ALL_PROJECTIONS: readonly Projection[] = [auditTrailProjection, honourListProjection, dossierProjection, councilTallyProjection, campaignProgressProjection, fairnessProjection];

export function projectionsNamed(names?: readonly string[]): Projection[] {
  if (!names || names.length === 0) return [...ALL_PROJECTIONS];
  return names.map((name) => {
    const found = ALL_PROJECTIONS.find((p) => p.name === name);
    if (!found) throw new RangeError(`unknown read model "${name}"; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
    return found;
  });
}
