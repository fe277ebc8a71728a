// Package readme holds no code: its test runs the shell commands of the
// repository's README.md, so every documented step is known to work.
package readme
