package api

import (
	_ "embed"
	"net/http"

	"postbridge/storage"
)

// openAPIDoc describes every endpoint (OpenAPI 3.0). It is written by
// hand, for integrators to read; the tests hold it to the route table and
// validate it.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI is the document GET /v1/openapi.json serves.
func OpenAPI() []byte { return append([]byte(nil), openAPIDoc...) }

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request, _ storage.APIToken) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}
