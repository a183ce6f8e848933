package pbpublic

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// workerShell reads the VERSION and SHELL the served sw.js carries.
func workerShell(t *testing.T, fsys fs.FS) (string, []string) {
	t.Helper()
	src, err := fs.ReadFile(fsys, "sw.js")
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`const VERSION = "([^"]*)"`).FindSubmatch(src)
	list := regexp.MustCompile(`const SHELL = (\[[^\]]*\]);`).FindSubmatch(src)
	if version == nil || list == nil {
		t.Fatalf("sw.js as served has no VERSION or SHELL:\n%s", src[:400])
	}
	var urls []string
	if err := json.Unmarshal(list[1], &urls); err != nil {
		t.Fatalf("SHELL is not a JSON list: %v", err)
	}
	return string(version[1]), urls
}

func TestServedWorkerPrecachesExactlyTheEmbeddedShell(t *testing.T) {
	version, urls := workerShell(t, FS)
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(version) {
		t.Fatalf("VERSION = %q, want the shell's hash", version)
	}
	want, _, err := Shell(files)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(urls, want) {
		t.Fatalf("SHELL = %v\nwant %v", urls, want)
	}
	for _, u := range urls {
		name := strings.TrimPrefix(u, "/")
		if u == "/" {
			name = "index.html"
		}
		if _, err := fs.Stat(files, name); err != nil {
			t.Errorf("precached %s is not embedded: %v", u, err)
		}
	}
}

func TestPageAndManifestReferOnlyToPrecachedFiles(t *testing.T) {
	_, urls := workerShell(t, FS)
	for _, name := range []string{"index.html", "manifest.webmanifest"} {
		src, _ := fs.ReadFile(files, name)
		refs := regexp.MustCompile(`(?:href|src)"?\s*[=:]\s*"(/[^"#]+)"`).FindAllSubmatch(src, -1)
		if len(refs) < 3 {
			t.Fatalf("%s: found only %d references; the pattern is wrong", name, len(refs))
		}
		for _, ref := range refs {
			if u := string(ref[1]); u != "/manifest.webmanifest" && !slices.Contains(urls, u) {
				t.Errorf("%s refers to %s, which the worker does not precache (embedded?)", name, u)
			}
		}
	}
}

func TestEveryStaticImportIsEmbedded(t *testing.T) {
	importRe := regexp.MustCompile(`(?m)(?:^import[^"]*|\bimport\()"(\.{1,2}/[^"]+)"`)
	checked := 0
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (path.Ext(name) != ".js" && path.Ext(name) != ".mjs") || strings.HasPrefix(name, "vendor/") {
			return err
		}
		src, _ := fs.ReadFile(files, name)
		for _, m := range importRe.FindAllSubmatch(src, -1) {
			target := path.Join(path.Dir(name), string(m[1]))
			if _, err := fs.Stat(files, target); err != nil {
				t.Errorf("%s imports %s, which is not embedded (add it, or its folder to embed.go)", name, m[1])
			}
			checked++
		}
		return nil
	})
	if err != nil || checked < 10 {
		t.Fatalf("walk: %v, %d imports checked", err, checked)
	}
}

func TestStampNoticesEveryChange(t *testing.T) {
	base := fstest.MapFS{
		"sw.js":      {Data: []byte(`const VERSION = "__MAILLAGE_VERSION__"; const SHELL = /*__MAILLAGE_SHELL__*/[];`)},
		"index.html": {Data: []byte("<p>one</p>")},
		"LICENSE":    {Data: []byte("licence")},
	}
	v1, urls := workerShell(t, mustStampT(t, base))
	if !slices.Equal(urls, []string{"/"}) {
		t.Fatalf("SHELL = %v, want [/] (licences and the worker left out)", urls)
	}
	base["index.html"] = &fstest.MapFile{Data: []byte("<p>two</p>")}
	if v2, _ := workerShell(t, mustStampT(t, base)); v2 == v1 {
		t.Fatal("changing index.html kept the same VERSION: browsers would not see the new version")
	}
}

func TestStampRefusesAWorkerWithoutPlaceholders(t *testing.T) {
	_, err := Stamp(fstest.MapFS{"sw.js": {Data: []byte(`const VERSION = "v1";`)}})
	if err == nil || !strings.Contains(err.Error(), "placeholders") {
		t.Fatalf("err = %v, want one naming the missing placeholders", err)
	}
}

func mustStampT(t *testing.T, fsys fs.FS) fs.FS {
	t.Helper()
	out, err := Stamp(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
