package cli

import (
	"fmt"
	"io"
	"runtime/debug"
)

// Version is the release this binary is, when the build says so:
// go build -ldflags "-X github.com/ladderlint/ladderlint/lint/cli.Version=v1.2.3"
// (the Dockerfile passes its VERSION build argument this way).
var Version string

// release is the version of the source tree itself, for builds that name
// none (the Action's image is built from a tarball of the repository, with
// no .git and no build arguments). A release commit sets it; between
// releases it ends in -dev.
const release = "v0.1.0-dev"

// version is what `ladderlint version` prints: -ldflags' Version, else the
// module version go install recorded (v1.2.3 for ...@v1.2.3), else release;
// then the commit when the build recorded one (a build in a git checkout).
func version() string {
	v := Version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = release
	}
	if !ok {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		if modified == "true" {
			rev += ", modified"
		}
		v += " (" + rev + ")"
	}
	return v
}

func printVersion(w io.Writer) int {
	fmt.Fprintf(w, "ladderlint %s\n", version())
	return ExitClean
}
