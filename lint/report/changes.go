package report

// MDText makes untrusted text inert in GitHub-flavoured markdown (see
// mdText), for other packages that render markdown: the ladder changes of
// package diff.
func MDText(s string) string { return mdText(s) }
