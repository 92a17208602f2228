#!/usr/bin/env bash
# Clean-build cost of the HTTP client choice: times a clean debug `swift build` of two throw-away
# packages that embed BinanceMargin — one as mops ships it (URLSession), one that also links
# AsyncHTTPClient 1.37.0 — one after the other, each in a fresh scratch folder.
#
#     bench/client-swift/transports/build-cost.sh [debug|release]
#
# Prints one line per package: `<name> <wall seconds> <user+sys CPU seconds>`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
configuration="${1:-debug}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

make_package() {   # name, extra dependency line, extra product line, extra import
    local dir="$work/$1"
    mkdir -p "$dir/Sources/App"
    cat > "$dir/Package.swift" <<PKG
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "$1",
    dependencies: [.package(name: "mops", path: "$root")$2],
    targets: [.executableTarget(name: "App", dependencies: [.product(name: "BinanceMargin", package: "mops")$3])]
)
PKG
    cat > "$dir/Sources/App/main.swift" <<SRC
import BinanceMargin
import Foundation
$4
let transport = try HTTPTransport(baseURL: URL(string: "http://127.0.0.1:1")!)
print(transport.baseURL!, Number(5))
SRC
}

make_package urlsession "" "" ""
make_package asynchttpclient \
    ', .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0")' \
    ', .product(name: "AsyncHTTPClient", package: "async-http-client")' \
    'import AsyncHTTPClient
print(HTTPClient.Configuration().timeout.connect.map { "\($0)" } ?? "-")'

for name in urlsession asynchttpclient; do
    swift package resolve --package-path "$work/$name" >/dev/null 2>&1   # resolution is not timed
    /usr/bin/time -f "%e %U %S" -o "$work/$name.time" \
        swift build -c "$configuration" --package-path "$work/$name" >"$work/$name.log" 2>&1 \
        || { cat "$work/$name.log" >&2; exit 1; }
    read -r wall user sys < "$work/$name.time"
    echo "$name $wall $(echo "$user + $sys" | bc)"
done
