#include "data/dataset_kind.hpp"

namespace scij::data {

std::string_view DatasetKindName(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::kAcsCountyForeignBorn:
      return "acs_county_foreign_born";
    case DatasetKind::kAcsTractForeignBorn:
      return "acs_tract_foreign_born";
    case DatasetKind::kErsPeople:
      return "ers_people";
    case DatasetKind::kCountyPopulationCenters:
      return "county_population_centers";
    case DatasetKind::kTractPopulationCenters:
      return "tract_population_centers";
    case DatasetKind::kGazetteerCounties:
      return "gazetteer_counties";
    case DatasetKind::kGazetteerTracts:
      return "gazetteer_tracts";
    case DatasetKind::kCbsaDelineation:
      return "cbsa_delineation";
    case DatasetKind::kCbsaPrincipalCities:
      return "cbsa_principal_cities";
    case DatasetKind::kIpedsDirectory:
      return "ipeds_directory";
    case DatasetKind::kIpedsFallEnrollment:
      return "ipeds_fall_enrollment";
    case DatasetKind::kIpedsFullTimeUg12Month:
      return "ipeds_fulltime_ug_12month";
    case DatasetKind::kCarnegieData:
      return "carnegie_data";
    case DatasetKind::kCarnegieValueLabels:
      return "carnegie_value_labels";
    case DatasetKind::kNotData:
      return "not_data";
  }
  return "not_data";
}

std::string_view DatasetKindLabel(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::kAcsCountyForeignBorn:
      return "Census ACS B05002 by county";
    case DatasetKind::kAcsTractForeignBorn:
      return "Census ACS B05002 by tract";
    case DatasetKind::kErsPeople:
      return "USDA ERS Atlas People (ACS 5-year)";
    case DatasetKind::kCountyPopulationCenters:
      return "Census centers of population (county)";
    case DatasetKind::kTractPopulationCenters:
      return "Census centers of population (tract)";
    case DatasetKind::kGazetteerCounties:
      return "Census Gazetteer (counties)";
    case DatasetKind::kGazetteerTracts:
      return "Census Gazetteer (tracts)";
    case DatasetKind::kCbsaDelineation:
      return "OMB CBSA delineation list 1";
    case DatasetKind::kCbsaPrincipalCities:
      return "OMB CBSA delineation list 2 (principal cities)";
    case DatasetKind::kIpedsDirectory:
      return "IPEDS HD directory";
    case DatasetKind::kIpedsFallEnrollment:
      return "IPEDS fall enrollment";
    case DatasetKind::kIpedsFullTimeUg12Month:
      return "IPEDS DRVEF12 12-month full-time undergraduates";
    case DatasetKind::kCarnegieData:
      return "Carnegie Classification";
    case DatasetKind::kCarnegieValueLabels:
      return "Carnegie Classification value labels";
    case DatasetKind::kNotData:
      return "not a data file";
  }
  return "not a data file";
}

std::string_view DatasetKindSource(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::kAcsCountyForeignBorn:
      return "US Census Bureau, American Community Survey table B05002 (place of birth by nativity and "
             "citizenship), by county";
    case DatasetKind::kAcsTractForeignBorn:
      return "US Census Bureau, American Community Survey table B05002 (place of birth by nativity and "
             "citizenship), by census tract";
    case DatasetKind::kErsPeople:
      return "USDA Economic Research Service, Atlas of Rural and Small-Town America, People sheet (county; "
             "foreign-born from the ACS 5-year estimates)";
    case DatasetKind::kCountyPopulationCenters:
      return "US Census Bureau, Centers of Population, county file";
    case DatasetKind::kTractPopulationCenters:
      return "US Census Bureau, Centers of Population, census tract file";
    case DatasetKind::kGazetteerCounties:
      return "US Census Bureau, Gazetteer Files, counties";
    case DatasetKind::kGazetteerTracts:
      return "US Census Bureau, Gazetteer Files, census tracts";
    case DatasetKind::kCbsaDelineation:
      return "OMB / US Census Bureau, core-based statistical area delineation file, list 1 (counties)";
    case DatasetKind::kCbsaPrincipalCities:
      return "OMB / US Census Bureau, core-based statistical area delineation file, list 2 (principal "
             "cities)";
    case DatasetKind::kIpedsDirectory:
      return "NCES IPEDS, Institutional Characteristics: Directory information (HD)";
    case DatasetKind::kIpedsFallEnrollment:
      return "NCES IPEDS, Fall Enrollment (EF A, undergraduate and graduate headcount)";
    case DatasetKind::kIpedsFullTimeUg12Month:
      return "NCES IPEDS, derived 12-month enrollment (DRVEF12): full-time undergraduate unduplicated "
             "headcount";
    case DatasetKind::kCarnegieData:
      return "Carnegie Classification of Institutions of Higher Education, public data file (ACE / Indiana "
             "University CPR)";
    case DatasetKind::kCarnegieValueLabels:
      return "Carnegie Classification of Institutions of Higher Education, codebook (value labels)";
    case DatasetKind::kNotData:
      return "not a data file";
  }
  return "not a data file";
}

}  // namespace scij::data
