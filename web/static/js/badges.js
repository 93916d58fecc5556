// The access badge for a measure, among the ones a page holds in a <template>: how to get the
// help, or who decides for what no one applies for (access "decided"; see server/view.py).
export function badgeSelector(item) {
  const decided = item.decided_by ? `[data-decided="${item.decided_by}"]` : ":not([data-decided])";
  return `[data-access="${item.access}"]${decided}`;
}
