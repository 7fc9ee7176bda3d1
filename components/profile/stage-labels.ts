import type { LifecycleStage } from '@/lib/model';

export const STAGE_LABEL: Record<LifecycleStage, string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  customer: 'Customer',
  expansion: 'Expansion',
  'at-risk': 'At risk',
  churned: 'Churned',
};
