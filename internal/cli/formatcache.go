package cli

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/crudgen/crudgen/internal/outfs"
)

// formatCache keeps the formatted Go files of one output folder, so that
// generating that folder again, even from scratch, formats only the files
// whose source changed (see gocode.FormatCache): formatting is most of the
// CPU time of a generation. It is one file in the cache folder per output
// folder (gofmt/KEY.pack), read once at the start and written once at the
// end of a run, rather than a file per entry: creating hundreds of small
// files cost a cold 100-table run more than formatting them did. The file
// holds the entries of the last run only; it can be deleted at any time.
type formatCache struct {
	file string

	mu    sync.Mutex
	old   map[string][]byte // read from file
	used  map[string][]byte // found or added by this run
	added bool
}

// packHeader is the first line of a pack; a file without it is ignored.
const packHeader = "crudgen format cache 1\n"

// newFormatCache returns the format cache of the output folder outDir, or
// nil when there is no cache folder.
func newFormatCache(outDir string) *formatCache {
	dir := cacheDir()
	if dir == "" {
		return nil
	}
	c := &formatCache{file: filepath.Join(dir, "gofmt", folderKey(outDir)+".pack"), used: map[string][]byte{}}
	if b, err := os.ReadFile(c.file); err == nil {
		c.old = readPack(b)
	}
	return c
}

// Get returns the formatted source recorded under key.
func (c *formatCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.old[key]
	if ok {
		c.used[key] = b
	}
	return b, ok
}

// Put records formatted under key.
func (c *formatCache) Put(key string, formatted []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = formatted
	c.added = true
}

// save writes the entries this run used, when they are not what the file
// holds already; with keepOld (a run that generated only some entities) the
// entries it did not use are kept too. A failure only costs a later run the
// formatting.
func (c *formatCache) save(keepOld bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := c.used
	if keepOld {
		keep = make(map[string][]byte, len(c.old)+len(c.used))
		maps.Copy(keep, c.old)
		maps.Copy(keep, c.used)
	}
	if !c.added && len(keep) == len(c.old) {
		return // the same entries
	}
	_ = outfs.WriteFile(c.file, writePack(keep), 0o644)
}

// writePack encodes entries, sorted by key: after packHeader, per entry a
// line "KEY LENGTH", the content and a newline.
func writePack(entries map[string][]byte) []byte {
	n := len(packHeader)
	for k, v := range entries {
		n += len(k) + len(v) + 24
	}
	b := make([]byte, 0, n)
	b = append(b, packHeader...)
	for _, k := range slices.Sorted(maps.Keys(entries)) {
		v := entries[k]
		b = append(b, k...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, '\n')
		b = append(b, v...)
		b = append(b, '\n')
	}
	return b
}

// readPack decodes what writePack wrote; anything else reads as no entries.
// The entries share b's memory.
func readPack(b []byte) map[string][]byte {
	rest, ok := bytes.CutPrefix(b, []byte(packHeader))
	if !ok {
		return nil
	}
	entries := map[string][]byte{}
	for len(rest) > 0 {
		line, after, ok := bytes.Cut(rest, []byte("\n"))
		if !ok {
			return nil
		}
		key, length, ok := bytes.Cut(line, []byte(" "))
		n, err := strconv.Atoi(string(length))
		if !ok || len(key) == 0 || err != nil || n < 0 || n >= len(after) || after[n] != '\n' {
			return nil
		}
		entries[string(key)] = after[:n:n]
		rest = after[n+1:]
	}
	return entries
}
