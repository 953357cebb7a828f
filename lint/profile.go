package lint

import (
	"bytes"
	"sync"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/diff"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
)

// profile is what one effective configuration needs to lint a page: the
// top-level configuration, or it with the overrides that match the page.
type profile struct {
	cfg     *config.Config
	chk     *check.Checker
	matcher *ladder.Matcher
	lopt    ladder.Options
}

func newProfile(cfg *config.Config) (*profile, error) {
	chk, err := check.New(cfg)
	if err != nil {
		return nil, err
	}
	matcher, err := ladder.MatcherFor(cfg.Levels.Patterns, cfg.Levels.Names)
	if err != nil {
		return nil, err
	}
	return &profile{cfg: cfg, chk: chk, matcher: matcher,
		lopt: ladder.Options{Levels: matcher, Placeholders: Effective(cfg).Placeholders}}, nil
}

// Effective is cfg with the built-in defaults filled in: the placeholder
// words (added to, or replaced by, the configured ones) and every rule's
// severity. It is the one place these defaults are applied: pages are
// linted with it and `ladderlint config` prints it. Level patterns stay as
// configured: none means the built-in recognition (ladder.MatcherFor),
// which no list of patterns can write down.
func Effective(cfg *config.Config) *config.Config {
	eff := *cfg
	eff.Placeholders = cfg.PlaceholderWords(ladder.DefaultPlaceholders)
	eff.Rules = map[string]string{}
	for _, r := range check.Rules {
		eff.Rules[r.ID()] = r.Default().String()
		if s, ok := cfg.Rules[r.ID()]; ok {
			eff.Rules[r.ID()] = s
		}
	}
	return &eff
}

// mayHoldLadder is the cheap scan that spares most pages of a handbook the
// markdown parser: a page is parsed when it has a table, two level headings,
// or a ladderlint comment directive (whose misuse is itself a finding).
func (p *profile) mayHoldLadder(data []byte) bool {
	// The directive search second: "l" is common, and most pages that
	// hold a directive hold a ladder.
	return markdown.MayHoldLadder(data, p.matcher.Signals) || bytes.Contains(data, []byte("ladderlint-"))
}

// profiles compiles each distinct effective configuration once (schemas,
// matchers), when a page first needs it, and hands out the one for a page.
// Each override is compiled on its own up front, so that a configuration
// error is reported before any page is read, whatever the pages.
type profiles struct {
	opt  Options
	root *profile
	mu   sync.Mutex
	// byKey holds a profile per set of matching overrides ("" = none).
	byKey    map[string]*profile
	firstErr error
}

func newProfiles(opt Options) (*profiles, error) {
	root, err := newProfile(opt.Config)
	if err != nil {
		return nil, err
	}
	ps := &profiles{opt: opt, root: root, byKey: map[string]*profile{"": root}}
	for i := range opt.Config.Overrides {
		if _, err := ps.compile([]int{i}); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// compile returns the profile of the overrides idx, compiling it the first
// time.
func (ps *profiles) compile(idx []int) (*profile, error) {
	key := config.OverrideKey(idx)
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if pr, ok := ps.byKey[key]; ok {
		return pr, nil
	}
	cfg, _ := ps.opt.Config.WithOverrides(idx...)
	pr, err := newProfile(cfg)
	if err != nil {
		return nil, err
	}
	ps.byKey[key] = pr
	return pr, nil
}

// of is the profile of the page at rel (relative to the root). A
// combination of overrides that does not compile falls back to the
// top-level profile; the run then ends with the error (err).
func (ps *profiles) of(rel string) *profile {
	idx := ps.opt.Config.Matching(rel)
	if len(idx) == 0 {
		return ps.root
	}
	pr, err := ps.compile(idx)
	if err != nil {
		ps.fail(err)
		return ps.root
	}
	return pr
}

// fail records the run's first error.
func (ps *profiles) fail(err error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.firstErr == nil {
		ps.firstErr = err
	}
}

func (ps *profiles) err() error {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.firstErr
}

// PageReader parses page versions as a run does: each with the profile of
// its path (overrides applied), after the pre-scan; ok is false when the
// pre-scan finds no ladder there.
func PageReader(opt Options) (func(path string, data []byte) (page diff.Page, ok bool), error) {
	opt = opt.withDefaults()
	profs, err := newProfiles(opt)
	if err != nil {
		return nil, err
	}
	return func(path string, data []byte) (diff.Page, bool) {
		prof := profs.of(rootRel(opt, path))
		if !markdown.MayHoldLadder(data, prof.matcher.Signals) {
			return diff.Page{}, false
		}
		return diff.Parse(path, data, prof.lopt), true
	}, nil
}
