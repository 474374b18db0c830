// us-atlas ships plain TopoJSON files; typed here (instead of resolveJsonModule) so that the
// type checker does not infer a literal type for a megabyte of coordinates.
declare module 'us-atlas/counties-10m.json' {
  import type { Topology } from 'topojson-specification';
  const topology: Topology;
  export default topology;
}
