// The `scij` command line: serve, db, user, version (and the site-selection commands as they
// arrive). Exit codes: 0 success, 1 user error (one line naming what was wrong), 2 internal error.
#pragma once

namespace scij::cli {

int Main(int argc, char** argv);

}  // namespace scij::cli
