package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/ladderlint/ladderlint/lint/source"
)

// discovered is a page found under the PATHs: path names it in findings
// (relative to the working folder), rel is relative to the configuration
// root (what its globs match), and index says it may be the index page of a
// folder (ladder.IndexNames).
type discovered struct {
	path, rel string
	index     bool
	regular   bool // already known to be a regular file (readFile)
}

// discover calls yield with every page opt.Paths names, slash-separated,
// in sorted order, as the folders are walked: linting starts with the first
// page instead of after the last folder is listed. Several PATHs are
// listed first, then sorted and de-duplicated (they may overlap).
func discover(opt Options, yield func(discovered)) []error {
	w := walker{opt: opt, yield: yield}
	if len(opt.Paths) == 1 {
		w.walkPath(opt.Paths[0])
		return w.errs
	}
	var pages []discovered
	w.yield = func(pg discovered) { pages = append(pages, pg) }
	for _, p := range opt.Paths {
		w.walkPath(p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].path < pages[j].path })
	pages = slices.CompactFunc(pages, func(a, b discovered) bool { return a.path == b.path })
	for _, pg := range pages {
		yield(pg)
	}
	return w.errs
}

// walker lists the selected pages under one PATH.
type walker struct {
	opt   Options
	yield func(discovered)
	errs  []error
}

// shown is how findings name p: relative to the working folder when p is
// absolute, cleaned, slash-separated.
func (w *walker) shown(p string) string {
	if filepath.IsAbs(p) && w.opt.WorkDir != "" {
		if r, err := filepath.Rel(w.opt.WorkDir, p); err == nil {
			p = r
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// joinSlash is path.Join(dir, name) for a clean dir and a name that is
// one entry of it, without cleaning again: it runs for every file walked.
func joinSlash(dir, name string, sep byte) string {
	switch {
	case dir == ".":
		return name
	case dir != "" && dir[len(dir)-1] == sep: // "/", "C:\"
		return dir + name
	}
	return dir + string(sep) + name
}

func (w *walker) fail(p string, err error) {
	w.errs = append(w.errs, &FileError{Path: filepath.ToSlash(p), Msg: describeErr(err)})
}

func (w *walker) walkPath(p string) {
	info, err := os.Stat(p)
	if err != nil {
		w.fail(p, err)
		return
	}
	if !info.IsDir() {
		// Stat followed any link: a regular file here is opened without
		// asking again (readFile).
		if rel := rootRel(w.opt, p); !excluded(w.opt, rel) {
			w.yield(discovered{path: w.shown(p), rel: rel, index: true, regular: info.Mode().IsRegular()})
		}
		return
	}
	dir := filepath.Clean(p)
	w.walkDir(dir, w.shown(dir), rootRel(w.opt, dir), true)
}

// walkDir visits a folder depth first. Entries are taken in the order that
// makes the pages come out sorted as whole paths: a folder "a" sorts as
// "a/", after "a.md" and "a-b" (filepath.WalkDir would visit "a" first).
//
// dir is clean; shown is how findings name it and rel is its path relative
// to the configuration root (rootRel): an entry's are these joined with its
// name, worked out once a folder rather than once a file.
func (w *walker) walkDir(dir, shown, rel string, top bool) {
	if !top {
		if name := filepath.Base(dir); name == ".git" || name == "node_modules" {
			return
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.fail(dir, err)
	}
	type entry struct {
		key string
		d   fs.DirEntry
	}
	sorted := make([]entry, len(entries))
	dirs := map[string]bool{}
	for i, d := range entries {
		sorted[i] = entry{d.Name(), d}
		if d.IsDir() {
			sorted[i].key += "/"
			dirs[d.Name()] = true
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].key < sorted[j].key })
	for _, e := range sorted {
		d, name := e.d, e.d.Name()
		q, qrel := joinSlash(dir, name, filepath.Separator), joinSlash(rel, name, '/')
		if d.IsDir() {
			w.walkDir(q, joinSlash(shown, name, '/'), qrel, false)
			continue
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			continue // sockets, FIFOs, devices are never pages
		}
		if !w.opt.Config.Selects(qrel) {
			continue
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(q); err != nil || !info.Mode().IsRegular() {
				continue // dangling or pointing at a folder: not followed
			}
		}
		index := name == "_index.md" || name == "index.md" || name == "README.md" || dirs[strings.TrimSuffix(name, ".md")]
		w.yield(discovered{path: joinSlash(shown, name, '/'), rel: qrel, index: index, regular: d.Type().IsRegular()})
	}
}

// excluded reports whether the configuration's exclude globs match rel.
func excluded(opt Options, rel string) bool {
	for _, g := range opt.Config.Exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// RootRel is p relative to opt.Root (the configuration's folder),
// slash-separated: what the configuration's globs match.
func RootRel(opt Options, p string) string { return rootRel(opt.withDefaults(), p) }

// rootRel is p relative to the configuration root, slash-separated.
func rootRel(opt Options, p string) string {
	rel, err := filepath.Rel(opt.Root, p)
	if err != nil {
		// A configuration found in a parent folder ("../.ladderlint.yml"):
		// relative paths cannot be compared lexically, absolute ones can.
		ar, err1 := absIn(opt.WorkDir, opt.Root)
		ap, err2 := absIn(opt.WorkDir, p)
		if rel, err = filepath.Rel(ar, ap); err1 != nil || err2 != nil || err != nil {
			rel = p
		}
	}
	return filepath.ToSlash(rel)
}

// absIn is p made absolute against the working folder wd.
func absIn(wd, p string) (string, error) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	if wd == "" {
		return "", errors.New("no working folder")
	}
	return filepath.Join(wd, p), nil
}

func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// readFile reads one page, refusing non-regular files, files over max bytes
// and binary files. The page is read into buf when it fits (see
// pageBuffers), otherwise into a new slice. regular says discovery already
// saw a regular file there (the folder's listing, or the Stat of a PATH):
// only then is it opened without asking first, as opening a device can
// have effects (a terminal, a watchdog).
func readFile(path string, max int64, buf []byte, regular bool) (*source.File, error) {
	if !regular {
		if info, err := os.Stat(path); err != nil {
			return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
		} else if !info.Mode().IsRegular() {
			return nil, &FileError{Path: path, Msg: "not a regular file"}
		}
	}
	// O_NONBLOCK: a FIFO put in the page's place since would otherwise
	// block the open until a writer comes; it is refused below, once open.
	// On a regular file the flag changes nothing but spares the runtime four
	// fcntl calls a page (setting and clearing it for a poller that refuses
	// files).
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &FileError{Path: path, Msg: "not a regular file"}
	}
	tooLarge := &FileError{Path: path, Msg: fmt.Sprintf("larger than the %d-byte limit (-max-file-size); not linted", max)}
	if info.Size() > max {
		return nil, tooLarge
	}
	// The bytes Stat counted, read into a buffer of that size: a page that
	// grows meanwhile is read up to that size, one that shrinks as it is now.
	// Stopping at the size spares the read that would only see the end.
	// Files whose size Stat does not know (0 on some virtual file systems)
	// are read to their end, up to max.
	size := info.Size()
	if cap(buf) < int(size)+1 {
		buf = make([]byte, 0, size+1)
	}
	var data []byte
	if size == 0 {
		data, err = readAll(io.LimitReader(fh, min(max, math.MaxInt64-1)+1), buf[:0]) // one byte past max shows it is passed
	} else {
		var n int
		n, err = io.ReadFull(fh, buf[:size])
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			err = nil // emptied or cut since Stat: read as it is now
		}
		data = buf[:n]
	}
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	}
	if int64(len(data)) > max {
		return nil, tooLarge
	}
	head := data[:min(len(data), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, &FileError{Path: path, Msg: "looks binary (NUL bytes), not a markdown page; not linted"}
	}
	return source.NewFile(strings.TrimPrefix(path, "./"), data), nil
}

// pageBuffers hold the bytes of pages the pre-scan turned away (most pages
// of a handbook), for the pages read after them: a run allocates about its
// ladder pages instead of the whole handbook, and with the collector
// mostly off (cmd/ladderlint/gc.go) fresh memory is a page fault per 4 KiB.
var pageBuffers = sync.Pool{New: func() any { return new([]byte) }}

// pageBuffer is an empty buffer to read a page into.
func pageBuffer() *[]byte { return pageBuffers.Get().(*[]byte) }

// reuse gives data's storage back to pageBuffers; nothing may hold data
// any more.
func reuse(b *[]byte, data []byte) {
	if cap(data) > cap(*b) {
		*b = data[:0]
	}
	pageBuffers.Put(b)
}

// readAll appends r's bytes to buf, growing it as needed.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
