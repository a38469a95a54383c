// Package packaging holds no code: its folders are the installer sources
// (windows/postbridge.wxs, macos/README.md) and its tests check what
// cannot be built on this Linux machine, such as the macOS workflow.
package packaging
