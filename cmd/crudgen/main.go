// Command crudgen generates a Go REST backend from a Markdown schema spec.
// Run "crudgen --help"; everything lives in package internal/cli.
package main

import (
	"os"

	"github.com/crudgen/crudgen/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
