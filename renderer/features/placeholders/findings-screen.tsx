/** Findings across the portfolio; the lifecycle engine's results are listed here. */
export function FindingsScreen() {
  return (
    <div className="screen">
      <h1>Findings</h1>
      <p>Findings appear here once products with components are in the portfolio.</p>
    </div>
  );
}
