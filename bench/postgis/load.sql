-- bench/postgis: loads what postgis_export wrote into PostGIS (run by run.sh through psql).
-- psql variables: csv_dir (directory of the CSVs), srid (a free SRID for the engine's sphere),
-- earth_radius_m (geo.cpp kEarthRadiusMiles * 1609.344).
--
-- The engine measures great-circle distances on a sphere of radius kEarthRadiusMiles. PostGIS
-- geography with use_spheroid = false measures on a sphere whose radius is the mean radius of the
-- column's ellipsoid, (2a + b) / 3: for SRID 4326 (WGS84) that is 6,371,008.771 m, 0.026 m more
-- than the engine's. So the points get their own geographic SRID whose ellipsoid is the engine's
-- sphere (a = b = R), and distances agree with geo.cpp to rounding.
\set ON_ERROR_STOP on

CREATE EXTENSION IF NOT EXISTS postgis;

DELETE FROM spatial_ref_sys WHERE srid = :srid;
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
VALUES (:srid, NULL, NULL,
        format('GEOGCS["SCIJ engine sphere",DATUM["SCIJ_engine_sphere",SPHEROID["SCIJ engine sphere",%s,0]],'
               'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', :'earth_radius_m'),
        format('+proj=longlat +a=%s +b=%s +no_defs', :'earth_radius_m', :'earth_radius_m'));

-- Raw CSV rows (see bench/postgis_export.cpp for the columns).
CREATE TEMP TABLE counties_csv (
  fips text, lat float8, lon float8, foreign_born float8, disk_radius_miles float8);
CREATE TEMP TABLE institutions_csv (unitid bigint, lat float8, lon float8);

\cd :csv_dir
\copy counties_csv FROM 'counties.csv' WITH (FORMAT csv, HEADER true)
\copy institutions_csv FROM 'institutions.csv' WITH (FORMAT csv, HEADER true)

-- Counties of the disk model: population-weighted center, foreign-born (NULL: not published),
-- disk radius in miles. Institutions: campus point (NULL: no valid location).
CREATE TABLE counties (
  fips text PRIMARY KEY,
  foreign_born float8,
  disk_radius_miles float8 NOT NULL,
  geog geography(Point, :srid) NOT NULL);
INSERT INTO counties
SELECT fips, foreign_born, disk_radius_miles,
       ST_SetSRID(ST_MakePoint(lon, lat), :srid)::geography
FROM counties_csv;

CREATE TABLE institutions (
  unitid bigint PRIMARY KEY,
  geog geography(Point, :srid));
INSERT INTO institutions
SELECT unitid,
       CASE WHEN lat IS NULL OR lon IS NULL THEN NULL
            ELSE ST_SetSRID(ST_MakePoint(lon, lat), :srid)::geography END
FROM institutions_csv;

-- The engine's figures, to compare with.
CREATE TABLE engine_reach (unitid bigint PRIMARY KEY, reach_immigrants float8);
\copy engine_reach FROM 'engine_reach.csv' WITH (FORMAT csv, HEADER true)

-- Spatial indexes on both sides; the planner chooses (reach.sql explains which one serves).
CREATE INDEX counties_geog_idx ON counties USING gist (geog);
CREATE INDEX institutions_geog_idx ON institutions USING gist (geog);
VACUUM ANALYZE counties;
VACUUM ANALYZE institutions;
VACUUM ANALYZE engine_reach;
