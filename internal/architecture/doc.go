// Package architecture holds no code: its tests hold the tree to the
// layers of docs/ARCHITECTURE.md (go list: what each package imports,
// what the shipped program links).
package architecture
