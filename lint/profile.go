package lint

import (
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
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
		lopt: ladder.Options{Levels: matcher, Placeholders: cfg.PlaceholderWords(ladder.DefaultPlaceholders)}}, nil
}

// profiles compiles each distinct effective configuration once (schemas,
// matchers) and hands out the one for a page. It is filled before the
// workers start and only read by them.
type profiles struct {
	opt   Options
	root  *profile
	byKey map[string]*profile
	byRel map[string]*profile
}

func newProfiles(opt Options) (*profiles, error) {
	root, err := newProfile(opt.Config)
	if err != nil {
		return nil, err
	}
	return &profiles{opt: opt, root: root, byKey: map[string]*profile{"": root}, byRel: map[string]*profile{}}, nil
}

// prepare compiles the profiles of the pages at paths.
func (ps *profiles) prepare(paths []string) error {
	for _, p := range paths {
		rel := rootRel(ps.opt, p)
		cfg, key := ps.opt.Config.For(rel)
		pr, ok := ps.byKey[key]
		if !ok {
			var err error
			if pr, err = newProfile(cfg); err != nil {
				return err
			}
			ps.byKey[key] = pr
		}
		ps.byRel[rel] = pr
	}
	return nil
}

// of is the profile of the page at path; one prepare did not see falls back
// to the top-level configuration's.
func (ps *profiles) of(path string) *profile {
	if pr, ok := ps.byRel[rootRel(ps.opt, path)]; ok {
		return pr
	}
	return ps.root
}
