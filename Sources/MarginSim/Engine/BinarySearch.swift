/// Binary search over sorted positions: the one implementation behind the order index, the history logs and the depth book.
enum BinarySearch {
    /// The first index in 0..<count for which `isBefore` is false (`isBefore` holds for a prefix).
    static func lowerBound(count: Int, isBefore: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
