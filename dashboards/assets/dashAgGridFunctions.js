// Functions the dashboards' grids name in their options (dashboards/components/grid.py).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

// A cell's keyboard handling: Enter follows the cell's link, as a click would (the grid keeps
// focus on the cell, never on the link inside it). True leaves the key to us, not the grid.
dagfuncs.gxFollowLink = function (params) {
  const link = params.event.key === "Enter" && params.event.target.querySelector("a");
  if (!link) return false;
  if (params.event.type === "keydown") link.click();
  return true;
};
