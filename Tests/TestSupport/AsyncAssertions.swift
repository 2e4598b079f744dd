import TikScoreCore
import XCTest

/// XCTest's assertions take synchronous autoclosures; these take `async` ones, so a test can
/// assert on a wallet query directly: `await XCTAssertEqualAsync(try await wallet.balance(of: a), p)`.

public func XCTAssertEqualAsync<T: Equatable>(_ first: @autoclosure () async throws -> T, _ second: @autoclosure () async throws -> T,
                                              _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) async {
    await evaluate({ (try await first(), try await second()) }, message(), file: file, line: line) { XCTAssertEqual($0.0, $0.1, message(), file: file, line: line) }
}

public func XCTAssertNotEqualAsync<T: Equatable>(_ first: @autoclosure () async throws -> T, _ second: @autoclosure () async throws -> T,
                                                 _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) async {
    await evaluate({ (try await first(), try await second()) }, message(), file: file, line: line) { XCTAssertNotEqual($0.0, $0.1, message(), file: file, line: line) }
}

public func XCTAssertTrueAsync(_ value: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String = "",
                               file: StaticString = #filePath, line: UInt = #line) async {
    await evaluate(value, message(), file: file, line: line) { XCTAssertTrue($0, message(), file: file, line: line) }
}

public func XCTAssertFalseAsync(_ value: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String = "",
                                file: StaticString = #filePath, line: UInt = #line) async {
    await evaluate(value, message(), file: file, line: line) { XCTAssertFalse($0, message(), file: file, line: line) }
}

public func XCTAssertNilAsync<T>(_ value: @autoclosure () async throws -> T?, _ message: @autoclosure () -> String = "",
                                 file: StaticString = #filePath, line: UInt = #line) async {
    await evaluate(value, message(), file: file, line: line) { XCTAssertNil($0, message(), file: file, line: line) }
}

public func XCTAssertNotNilAsync<T>(_ value: @autoclosure () async throws -> T?, _ message: @autoclosure () -> String = "",
                                    file: StaticString = #filePath, line: UInt = #line) async {
    await evaluate(value, message(), file: file, line: line) { XCTAssertNotNil($0, message(), file: file, line: line) }
}

/// Evaluates `value` and hands it to `check`; a thrown error fails the test with `message`.
private func evaluate<T>(_ value: () async throws -> T, _ message: String, file: StaticString, line: UInt, _ check: (T) -> Void) async {
    do {
        check(try await value())
    } catch {
        XCTFail("threw \(error): \(message)", file: file, line: line)
    }
}

/// Asserts that `body` throws a `WalletError` with `code`; returns the error.
@discardableResult
public func assertWalletErrorAsync<T>(_ code: WalletError.Code, _ body: @autoclosure () async throws -> T, _ context: String = "",
                                      file: StaticString = #filePath, line: UInt = #line) async -> WalletError? {
    do {
        let value = try await body()
        XCTFail("\(context): expected \(code), got \(value)", file: file, line: line)
    } catch let error as WalletError {
        XCTAssertEqual(error.code, code, "\(context): \(error.message)", file: file, line: line)
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
        return error
    } catch {
        XCTFail("\(context): expected WalletError \(code), got \(error)", file: file, line: line)
    }
    return nil
}

/// Asserts that `body` throws a `WalletError` with `code`; returns the error.
@discardableResult
public func assertWalletError<T>(_ code: WalletError.Code, _ body: @autoclosure () throws -> T, _ context: String = "",
                                 file: StaticString = #filePath, line: UInt = #line) -> WalletError? {
    do {
        let value = try body()
        XCTFail("\(context): expected \(code), got \(value)", file: file, line: line)
    } catch let error as WalletError {
        XCTAssertEqual(error.code, code, "\(context): \(error.message)", file: file, line: line)
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
        return error
    } catch {
        XCTFail("\(context): expected WalletError \(code), got \(error)", file: file, line: line)
    }
    return nil
}
