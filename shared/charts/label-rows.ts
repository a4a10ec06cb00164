/**
 * Rows for labels placed along one axis (the timeline's marker labels): each
 * label takes the lowest row where it does not overlap a label already there,
 * so no two labels in a row overlap. Pure; positions in any unit.
 */
export interface LabelSpan {
  /** Left edge. */
  x: number;
  width: number;
}

/** The row (0 = nearest the axis) of each label, in the order given. Labels are placed left to right. */
export function stackLabels(labels: readonly LabelSpan[], gap = 4): number[] {
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => a.l.x - b.l.x || a.i - b.i);
  const rowEnds: number[] = [];
  const rows = new Array<number>(labels.length).fill(0);
  for (const { l, i } of order) {
    let row = rowEnds.findIndex((end) => end + gap <= l.x);
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(l.x + l.width);
    } else rowEnds[row] = l.x + l.width;
    rows[i] = row;
  }
  return rows;
}
