// Cell renderers for the dashboards' grids (dashboards/components/grid.py).
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

// The cell's text as a link to the row's `link` field (same tab).
dagcomponentfuncs.GxLink = function (props) {
  return React.createElement("a", { href: props.data.link }, props.value);
};
