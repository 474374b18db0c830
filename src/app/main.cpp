// The composition root of the `scij` binary: everything is wired in cli/ (one file per
// sub-command); main only hands over the arguments.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return scij::cli::Main(argc, argv); }
