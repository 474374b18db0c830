-- bench/postgis: the engine's reach figure (county disk model, screen_index.hpp) in SQL, as the
-- view postgis_reach(unitid, reach_immigrants). psql variable: radius (miles).
--
-- For every campus s and every county c with a foreign-born figure whose disk comes within reach,
-- i.e. great-circle distance d(c, s) <= r + disk radius (ST_DWithin on the institutions' GiST
-- index, the distance taken on the engine's sphere, see load.sql), the county contributes
--   foreign_born * area(disk ∩ circle of radius r around s) / area(disk),
-- the intersection taken in the plane with the centers d apart (geo.cpp CircleIntersectionArea,
-- the same formula and clamps, written out below). A county with no land area would be a point
-- mass: all of it when d <= r. Campuses without a location have no figure (NULL), campuses with
-- nothing in reach have 0, as in the engine.
--
-- Why the index is on institutions: ST_DWithin's distance here depends on the county (r + its
-- disk radius), so only the institutions' index can take the condition (the county is the outer
-- row of a nested loop, the distance a constant for each inner index scan). Indexing the counties
-- instead would need the largest disk radius in every probe (215 miles in Alaska) and many more
-- candidates.
\set ON_ERROR_STOP on

CREATE OR REPLACE FUNCTION scij_circle_intersection_area(r1 float8, r2 float8, d float8)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN r1 <= 0 OR r2 <= 0 THEN 0::float8
    WHEN d >= r1 + r2 THEN 0::float8
    WHEN d <= abs(r1 - r2) THEN pi() * least(r1, r2) * least(r1, r2)
    ELSE r1 * r1 * acos(greatest(-1::float8, least(1::float8, (d * d + r1 * r1 - r2 * r2) / (2 * d * r1))))
       + r2 * r2 * acos(greatest(-1::float8, least(1::float8, (d * d + r2 * r2 - r1 * r1) / (2 * d * r2))))
       - 0.5 * sqrt(greatest(0::float8, (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)))
  END
$$;

-- Share of a county's people within reach r of a campus d miles from the county's center.
CREATE OR REPLACE FUNCTION scij_disk_fraction(r float8, disk_r float8, d float8)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN disk_r <= 0 THEN CASE WHEN d <= r THEN 1::float8 ELSE 0::float8 END
    ELSE least(1::float8, scij_circle_intersection_area(r, disk_r, d) / (pi() * disk_r * disk_r))
  END
$$;

CREATE OR REPLACE VIEW postgis_reach AS
WITH pairs AS (
  SELECT s.unitid,
         c.foreign_born,
         c.disk_radius_miles,
         ST_Distance(c.geog, s.geog, false) / 1609.344 AS d_miles
  FROM counties c
  JOIN institutions s
    ON ST_DWithin(s.geog, c.geog, (:radius + c.disk_radius_miles) * 1609.344, false)
  WHERE c.foreign_born IS NOT NULL
),
per_school AS (
  SELECT unitid, sum(foreign_born * scij_disk_fraction(:radius, disk_radius_miles, d_miles)) AS reach
  FROM pairs
  GROUP BY unitid
)
SELECT s.unitid,
       CASE WHEN s.geog IS NULL THEN NULL ELSE coalesce(p.reach, 0) END AS reach_immigrants
FROM institutions s
LEFT JOIN per_school p USING (unitid);
