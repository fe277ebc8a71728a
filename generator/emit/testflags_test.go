package emit

import "flag"

// update rewrites the golden files under testdata/golden instead of comparing
// against them: go test ./generator/emit -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")
