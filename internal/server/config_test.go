package server_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
)

func TestPublicConfig(t *testing.T) {
	scenarios := []struct {
		name string
		cfg  server.Config
		want []string
		not  []string
	}{
		{
			name: "tile URL configured",
			cfg:  server.Config{TileURL: "http://127.0.0.1:9/{z}/{x}/{y}.png", TileAttribution: "© test"},
			want: []string{`"tileUrl":"http://127.0.0.1:9/{z}/{x}/{y}.png"`, `"tileAttribution":"© test"`},
		},
		{
			name: "empty by default",
			cfg:  server.Config{},
			want: []string{`"tileUrl":""`},
			not:  []string{`"tileUrl":"http`},
		},
	}
	for _, sc := range scenarios {
		cfg := sc.cfg
		(&tests.ApiScenario{
			Name:               sc.name,
			Method:             http.MethodGet,
			URL:                server.PathConfig,
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    sc.want,
			NotExpectedContent: sc.not,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				return testapp.New(t, cfg)
			},
		}).Test(t)
	}
}

// The negative control: without Bind the route does not exist, so the test above can fail.
func TestPublicConfigNeedsBind(t *testing.T) {
	(&tests.ApiScenario{
		Name:            "route absent without Bind",
		Method:          http.MethodGet,
		URL:             server.PathConfig,
		ExpectedStatus:  http.StatusNotFound,
		ExpectedContent: []string{`"status":404`},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app, err := tests.NewTestApp()
			if err != nil {
				t.Fatal(err)
			}
			return app
		},
	}).Test(t)
}
