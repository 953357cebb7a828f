package diff

import "testing"

// TestFollow: a symbolic link of the revision leads where the file system
// would lead it in a checkout, or nowhere.
func TestFollow(t *testing.T) {
	b := &Base{Root: "/repo", blobs: map[string]blob{"a/page.md": {}, "top.md": {}}, links: map[string]blob{}, targets: map[string]string{
		"b/link.md":     "../a/page.md", // to a file
		"b/chain.md":    "link.md",      // to a link
		"shared":        "a",            // a folder
		"abs.md":        "/repo/top.md", // absolute, inside
		"out.md":        "/elsewhere/top.md",
		"up.md":         "../top.md", // out of the repository
		"dangling.md":   "a/none.md",
		"dir.md":        "a",
		"loop1.md":      "loop2.md",
		"loop2.md":      "loop1.md",
		"empty.md":      "",
		"b/deep/two.md": "../../shared/page.md",
	}}
	for p := range b.targets {
		b.links[p] = blob{}
	}
	for p, want := range map[string]string{
		"a/page.md": "a/page.md", "b/link.md": "a/page.md", "b/chain.md": "a/page.md", "shared/page.md": "a/page.md",
		"abs.md": "top.md", "b/deep/two.md": "a/page.md",
		"out.md": "", "up.md": "", "dangling.md": "", "dir.md": "", "loop1.md": "", "empty.md": "", "none.md": "", "shared/none.md": "",
	} {
		got, ok := b.follow(p)
		if got != want || ok != (want != "") {
			t.Errorf("follow(%q) = %q, %v; want %q", p, got, ok, want)
		}
	}
}
