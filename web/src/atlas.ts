// The US county, state and nation shapes, drawn offline from the npm package us-atlas
// (Census cartographic boundaries 2017, 1:10m). Loaded on first use as its own chunk, so pages
// without a map never download it; cached for the rest of the visit.
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { geoAlbersUsa, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type AtlasFeature = Feature<Geometry, { name?: string }>;

export interface Atlas {
  /** County shapes; `id` is the 5-digit FIPS code. */
  counties: AtlasFeature[];
  countyById: Map<string, AtlasFeature>;
  /** State shapes; `id` is the 2-digit FIPS code. */
  states: AtlasFeature[];
  stateById: Map<string, AtlasFeature>;
  nation: AtlasFeature;
  /** Borders between counties (inner lines only) and between states. */
  countyBorders: MultiLineString;
  stateBorders: MultiLineString;
}

/** The size of the US map's own coordinate space (the SVG viewBox). */
export const MAP_WIDTH = 975;
export const MAP_HEIGHT = 610;

/** Albers USA (lower 48 with Alaska and Hawaii insets), fitted to the map's viewBox. */
export function usProjection(): GeoProjection {
  return geoAlbersUsa().scale(1300).translate([487.5, 305]);
}

let pending: Promise<Atlas> | null = null;

export function buildAtlas(topology: Topology): Atlas {
  const objects = topology.objects as Record<string, GeometryCollection>;
  const countyObject = objects.counties!;
  const stateObject = objects.states!;
  const nationObject = objects.nation!;
  const counties = (feature(topology, countyObject) as FeatureCollection<Geometry, { name?: string }>).features;
  const states = (feature(topology, stateObject) as FeatureCollection<Geometry, { name?: string }>).features;
  const nations = (feature(topology, nationObject) as FeatureCollection<Geometry, { name?: string }>).features;
  const id = (f: AtlasFeature) => String(f.id ?? '');
  return {
    counties,
    countyById: new Map(counties.map((f) => [id(f), f])),
    states,
    stateById: new Map(states.map((f) => [id(f), f])),
    nation: nations[0]!,
    countyBorders: mesh(topology, countyObject, (a, b) => a !== b && String(a.id).slice(0, 2) === String(b.id).slice(0, 2)),
    stateBorders: mesh(topology, stateObject, (a, b) => a !== b),
  };
}

export function loadAtlas(): Promise<Atlas> {
  pending ??= import('us-atlas/counties-10m.json').then((module) => buildAtlas(module.default));
  pending.catch(() => {
    pending = null; // let a later visit try again
  });
  return pending;
}

/** Path strings of the base (unzoomed) US map, computed once per atlas. */
export interface BasePaths {
  path: GeoPath;
  projection: GeoProjection;
  county: Map<string, string>;
  countyBorders: string;
  stateBorders: string;
  nation: string;
}

const baseCache = new WeakMap<Atlas, BasePaths>();

export function basePaths(atlas: Atlas): BasePaths {
  const cached = baseCache.get(atlas);
  if (cached !== undefined) return cached;
  const projection = usProjection();
  const path = geoPath(projection);
  const county = new Map<string, string>();
  for (const f of atlas.counties) {
    const d = path(f);
    if (d !== null && d !== '') county.set(String(f.id), d);
  }
  const built: BasePaths = {
    path,
    projection,
    county,
    countyBorders: path(atlas.countyBorders) ?? '',
    stateBorders: path(atlas.stateBorders) ?? '',
    nation: path(atlas.nation) ?? '',
  };
  baseCache.set(atlas, built);
  return built;
}
