// Names of the daily series a run produces. Flows count events on the day; stocks are end-of-day levels.

export const FLOW_NAMES = [
  'left', 'awolFirst', 'awolHome', 'setOutAbroad', 'arrivedAbroad', 'reachedSafety', 'surrendered', 'programmeSurrenders',
  'refused', 'caught', 'stoppedAtBorder', 'extradited', 'returnedSelf', 'returnedWithoutCase', 'casesOpened',
  'casesSuspended270', 'casesReceived', 'verdicts', 'suspendedVerdicts', 'prisonVerdicts', 'imprisoned', 'ngoRequests',
  'applications', 'wantedDeclared', 'killed', 'wounded', 'invalided', 'leavesGranted', 'recruited', 'mobilised',
  'groupEvents', 'groupLeavers',
] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

export const STOCK_NAMES = [
  'front', 'training', 'onLeave', 'hospital', 'awolHome', 'inTransit', 'abroadTransit', 'detained', 'abroadSafe',
  'prison', 'surrenderedTotal', 'killedTotal', 'discharged', 'strength', 'persons', 'pool',
] as const;
export type StockName = (typeof STOCK_NAMES)[number];
