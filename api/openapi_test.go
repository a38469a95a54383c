package api

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The served document is valid OpenAPI, and it and the route table list
// the same endpoints with the same scopes.
func TestAPIOpenAPIDescribesEveryRoute(t *testing.T) {
	o := newOffice(t, Config{})
	status, hdr, body := o.call(t, "GET", "/v1/openapi.json", "read", nil)
	if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("GET openapi.json: %d %q", status, hdr.Get("Content-Type"))
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(body)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	var listed []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			scope, _ := op.Extensions["x-scope"].(string)
			listed = append(listed, method+" "+path+" "+scope)
		}
	}
	var served []string
	for _, e := range endpoints {
		served = append(served, e.method+" "+e.pattern+" "+e.scope)
	}
	slices.Sort(listed)
	slices.Sort(served)
	if !slices.Equal(listed, served) {
		t.Errorf("openapi.json lists\n%s\nthe server answers\n%s", strings.Join(listed, "\n"), strings.Join(served, "\n"))
	}
	// Every listed operation is answered (not 404/405), with a token of
	// both scopes and harmless parameters: a send without a body is 400.
	param := regexp.MustCompile(`\{[a-z]+\}`)
	for _, l := range listed {
		f := strings.Fields(l)
		path := param.ReplaceAllString(f[1], "1")
		status, _, b := o.call(t, f[0], path, "read,send", nil)
		var p problem
		json.Unmarshal(b, &p)
		if status == http.StatusMethodNotAllowed || (status == http.StatusNotFound && p.Kind == "not_found" && strings.Contains(p.Detail, "endpoint")) {
			t.Errorf("%s %s: %d %s", f[0], path, status, b)
		}
	}
}
