using System.Text.Json.Nodes;
using Credstack.Credentials.Status;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Status;

public sealed class StatusListCheckerTests
{
    private static readonly DateTimeOffset ValidFrom = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static JsonObject LoadJson(params string[] parts) =>
        JsonNode.Parse(File.ReadAllText(SharedData.PathOf(parts)))!.AsObject();

    private static JsonObject Entry(
        string purpose,
        string index,
        string type = "BitstringStatusListEntry"
    ) =>
        new()
        {
            ["id"] = "https://example.com/status/1#" + index,
            ["type"] = type,
            ["statusPurpose"] = purpose,
            ["statusListIndex"] = index,
            ["statusListCredential"] = "https://example.com/status/1",
        };

    private static BitstringStatusListEntry Parsed(JsonObject entry)
    {
        var result = BitstringStatusListEntry.Parse(entry);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Value;
    }

    [Fact]
    public void Builder_ProducesUnsignedBitstringStatusListCredential()
    {
        var list = new BitstringStatusList();
        list.Set(42, true);
        var credential = BitstringStatusListCredentialBuilder.Build(
            "https://example.com/status/1",
            "did:example:issuer",
            ValidFrom,
            StatusPurposes.Revocation,
            list,
            ttl: 300_000
        );

        Assert.Equal(
            "https://www.w3.org/ns/credentials/v2",
            credential["@context"]![0]!.GetValue<string>()
        );
        Assert.Equal("BitstringStatusListCredential", credential["type"]![1]!.GetValue<string>());
        Assert.Equal("did:example:issuer", credential["issuer"]!.GetValue<string>());
        Assert.Equal("2025-01-02T03:04:05Z", credential["validFrom"]!.GetValue<string>());
        Assert.Null(credential["proof"]);
        var subject = credential["credentialSubject"]!.AsObject();
        Assert.Equal("https://example.com/status/1#list", subject["id"]!.GetValue<string>());
        Assert.Equal("BitstringStatusList", subject["type"]!.GetValue<string>());
        Assert.Equal("revocation", subject["statusPurpose"]!.GetValue<string>());
        Assert.Equal(300_000, subject["ttl"]!.GetValue<long>());

        var set = StatusListChecker.Check(Parsed(Entry("revocation", "42")), credential);
        Assert.True(set.IsSuccess, set.ToString());
        Assert.True(set.Value.IsSet);
        Assert.False(set.Value.Valid);
        Assert.Equal("set", set.Value.Message);

        var unset = StatusListChecker.Check(Parsed(Entry("revocation", "43")), credential);
        Assert.False(unset.Value.IsSet);
        Assert.Equal("unset", unset.Value.Message);
    }

    public static TheoryData<string> SpecExamples()
    {
        var data = new TheoryData<string>();
        var folder = SharedData.PathOf("vectors", "vc-bitstring-status-list", "spec-examples");
        foreach (
            var file in Directory.GetFiles(folder, "example-*.json").Order(StringComparer.Ordinal)
        )
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void SpecExample_IsReadAsItsKind(string file)
    {
        var path = SharedData.PathOf("vectors", "vc-bitstring-status-list", "spec-examples", file);
        if (file.Contains("not-json", StringComparison.Ordinal))
        {
            // Example 2 elides parts with "..."; check the one thing it shows: a 2-bit message entry's shape.
            var text = File.ReadAllText(path);
            Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
                System.Text.Json.JsonDocument.Parse(text)
            );
            Assert.Contains("\"statusSize\": 2", text, StringComparison.Ordinal);
            return;
        }
        var credential = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (credential["credentialStatus"] is { } status)
        {
            var entries = BitstringStatusListEntry.ParseAll(status);
            Assert.NotEmpty(entries);
            Assert.All(
                entries,
                e =>
                {
                    Assert.True(e.IsSuccess, e.ToString());
                    Assert.Equal(StatusEntryKind.BitstringStatusList, e.Value.Kind);
                    Assert.False(e.Value.IndexWasNumber);
                    Assert.Equal(1, e.Value.StatusSize);
                }
            );
        }
        else
        {
            var list = StatusListCredential.Parse(credential);
            Assert.True(list.IsSuccess, list.ToString());
            Assert.True(list.Value.DecodeList().IsSuccess);
        }
    }

    [Fact]
    public void SpecExample04_AgainstExample03_IsNotRevoked()
    {
        var credential = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-04.json"
        );
        var list = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-03.json"
        );
        var entry = Parsed(credential["credentialStatus"]!.AsObject());
        Assert.Equal(94_567, entry.StatusListIndex);
        var result = StatusListChecker.Check(entry, list);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.False(result.Value.IsSet);
        Assert.False(result.Value.ListIsShorterThanMinimum);
    }

    [Fact]
    public void ValidatorSample_RevokedCredential_IsRevokedByBit23()
    {
        var credential = LoadJson(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "bit-string-list",
            "credential-status-revoked.json"
        );
        var list = LoadJson(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "bit-string-list",
            "testlist.json"
        );
        var entry = Parsed(credential["credentialStatus"]!.AsObject());
        Assert.True(entry.IndexWasNumber);
        var result = StatusListChecker.Check(entry, list);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsSet);
        Assert.Equal(StatusPurposes.Revocation, result.Value.Purpose);
    }

    [Fact]
    public void Check_PurposeMismatch_ReturnsError()
    {
        var list = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-03.json"
        );
        var result = StatusListChecker.Check(Parsed(Entry("suspension", "1")), list);
        Assert.Equal(StatusErrors.PurposeMismatch, result.Error?.Code);
        Assert.EndsWith(
            "STATUS_VERIFICATION_ERROR",
            result.Error!.SpecErrorType,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Check_IndexOutOfRange_ReturnsRangeError()
    {
        var list = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-03.json"
        );
        var result = StatusListChecker.Check(Parsed(Entry("revocation", "131072")), list);
        Assert.Equal(StatusErrors.IndexOutOfRange, result.Error?.Code);
        Assert.EndsWith("RANGE_ERROR", result.Error!.SpecErrorType, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WrongListType_ReturnsError()
    {
        var list = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-03.json"
        );
        list["type"] = new JsonArray("VerifiableCredential");
        var result = StatusListChecker.Check(Parsed(Entry("revocation", "1")), list);
        Assert.Equal(StatusErrors.ListCredentialType, result.Error?.Code);

        var badSubject = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-03.json"
        );
        badSubject["credentialSubject"]!["type"] = "StatusList2021";
        Assert.Equal(
            StatusErrors.ListSubject,
            StatusListChecker.Check(Parsed(Entry("revocation", "1")), badSubject).Error?.Code
        );
    }

    [Fact]
    public void Check_BadEncodedListInCredential_ReturnsError()
    {
        var list = LoadJson(
            "vectors",
            "vc-bitstring-status-list",
            "spec-examples",
            "example-03.json"
        );
        list["credentialSubject"]!["encodedList"] = "uAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var result = StatusListChecker.Check(Parsed(Entry("revocation", "1")), list);
        Assert.Equal(StatusErrors.NotGzip, result.Error?.Code);
    }

    [Fact]
    public void Check_ShortList_IsToleratedByDefaultAndRefusedWhenStrict()
    {
        var list = LoadJson(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "bit-string-list",
            "testlist.json"
        );
        var shortList = BitstringStatusList.FromBytes(new byte[] { 0x40, 0 });
        list["credentialSubject"]!["encodedList"] = shortList.Encode();
        var entry = Parsed(Entry("revocation", "1"));

        var tolerant = StatusListChecker.Check(entry, list);
        Assert.True(tolerant.Value.IsSet);
        Assert.True(tolerant.Value.ListIsShorterThanMinimum);

        var strict = StatusListChecker.Check(
            entry,
            list,
            new StatusCheckOptions { MinimumNumberOfEntries = BitstringStatusList.MinimumLength }
        );
        Assert.Equal(StatusErrors.ListTooShort, strict.Error?.Code);
    }

    [Fact]
    public void Check_ExpiredList_IsRefusedWhenTimeGiven()
    {
        var list = BitstringStatusListCredentialBuilder.Build(
            "https://example.com/status/1",
            "did:example:issuer",
            ValidFrom,
            "revocation",
            new BitstringStatusList(),
            validUntil: ValidFrom.AddDays(1)
        );
        var entry = Parsed(Entry("revocation", "1"));
        Assert.True(
            StatusListChecker
                .Check(entry, list, new StatusCheckOptions { Now = ValidFrom.AddHours(1) })
                .IsSuccess
        );
        Assert.Equal(
            StatusErrors.ListNotValid,
            StatusListChecker
                .Check(entry, list, new StatusCheckOptions { Now = ValidFrom.AddDays(2) })
                .Error?.Code
        );
    }

    [Fact]
    public void MessagePurpose_TwoBitList_ReturnsTheMessage()
    {
        var list = new BitstringStatusList(statusSize: 2);
        list.SetStatus(492_847 % list.Length, 2);
        list.SetStatus(7, 1);
        var credential = BitstringStatusListCredentialBuilder.Build(
            "https://example.com/credentials/status/8",
            "did:example:12345",
            ValidFrom,
            StatusPurposes.Message,
            list
        );
        JsonObject EntryAt(long index) =>
            new()
            {
                ["id"] = "https://example.com/credentials/status/8#" + index,
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = "message",
                ["statusListIndex"] = index.ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                ),
                ["statusSize"] = 2,
                ["statusListCredential"] = "https://example.com/credentials/status/8",
                ["statusMessage"] = new JsonArray(
                    new JsonObject { ["status"] = "0x0", ["message"] = "pending_review" },
                    new JsonObject { ["status"] = "0x1", ["message"] = "accepted" },
                    new JsonObject { ["status"] = "0x2", ["message"] = "rejected" },
                    new JsonObject { ["status"] = "0x3", ["message"] = "undefined" }
                ),
                ["statusReference"] = "https://example.org/status-dictionary/",
            };

        var rejected = StatusListChecker.Check(Parsed(EntryAt(492_847 % list.Length)), credential);
        Assert.True(rejected.IsSuccess, rejected.ToString());
        Assert.Equal(2, rejected.Value.Status);
        Assert.Equal("rejected", rejected.Value.Message);
        Assert.Equal(
            "accepted",
            StatusListChecker.Check(Parsed(EntryAt(7)), credential).Value.Message
        );
        Assert.Equal(
            "pending_review",
            StatusListChecker.Check(Parsed(EntryAt(8)), credential).Value.Message
        );
    }

    [Fact]
    public void StatusList2021_EntryAndCredential_AreRead()
    {
        var bits = new BitstringStatusList();
        bits.Set(33_163, true);
        // Status List 2021: no multibase prefix, VC 1.1 dates.
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/2018/credentials/v1",
                "https://w3id.org/vc/status-list/2021/v1"
            ),
            ["id"] = "https://example.com/status/2021",
            ["type"] = new JsonArray("VerifiableCredential", "StatusList2021Credential"),
            ["issuer"] = new JsonObject { ["id"] = "did:example:issuer" },
            ["issuanceDate"] = "2021-04-05T14:27:40Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "https://example.com/status/2021#list",
                ["type"] = "StatusList2021",
                ["statusPurpose"] = "revocation",
                ["encodedList"] = bits.Encode()[1..],
            },
        };
        var entry = Parsed(Entry("revocation", "33163", "StatusList2021Entry"));
        Assert.Equal(StatusEntryKind.StatusList2021, entry.Kind);
        var result = StatusListChecker.Check(entry, credential);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.True(result.Value.IsSet);
        var parsed = StatusListCredential.Parse(credential).Value;
        Assert.Equal("did:example:issuer", parsed.Issuer);
        Assert.NotNull(parsed.ValidFrom);

        var mismatch = StatusListChecker.Check(Parsed(Entry("revocation", "1")), credential);
        Assert.Equal(StatusErrors.KindMismatch, mismatch.Error?.Code);
    }

    public static TheoryData<string, string> BadEntries =>
        new()
        {
            { "notObject", StatusErrors.EntryNotObject },
            { "type", StatusErrors.EntryType },
            { "purpose", StatusErrors.EntryPurpose },
            { "indexLetters", StatusErrors.EntryIndex },
            { "indexNegative", StatusErrors.EntryIndex },
            { "indexHuge", StatusErrors.EntryIndex },
            { "indexMissing", StatusErrors.EntryIndex },
            { "listCredential", StatusErrors.EntryListCredential },
            { "statusSizeZero", StatusErrors.EntryStatusSize },
            { "statusSizeNoMessages", StatusErrors.EntryStatusMessage },
            { "messageCount", StatusErrors.EntryStatusMessage },
            { "messageStatusNotHex", StatusErrors.EntryStatusMessage },
            { "id", StatusErrors.EntryId },
        };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void ParseEntry_Malformed_ReturnsError(string mutation, string expectedCode)
    {
        JsonNode entry = Entry("revocation", "5");
        var o = entry.AsObject();
        switch (mutation)
        {
            case "notObject":
                entry = new JsonArray();
                break;
            case "type":
                o["type"] = "SomethingElse";
                break;
            case "purpose":
                o["statusPurpose"] = 3;
                break;
            case "indexLetters":
                o["statusListIndex"] = "12a";
                break;
            case "indexNegative":
                o["statusListIndex"] = "-1";
                break;
            case "indexHuge":
                o["statusListIndex"] = "99999999999999999999999999";
                break;
            case "indexMissing":
                o.Remove("statusListIndex");
                break;
            case "listCredential":
                o["statusListCredential"] = "not a url";
                break;
            case "statusSizeZero":
                o["statusSize"] = 0;
                break;
            case "statusSizeNoMessages":
                o["statusSize"] = 2;
                break;
            case "messageCount":
                o["statusMessage"] = new JsonArray(
                    new JsonObject { ["status"] = "0x0", ["message"] = "ok" }
                );
                break;
            case "messageStatusNotHex":
                o["statusMessage"] = new JsonArray(
                    new JsonObject { ["status"] = "0x0", ["message"] = "unset" },
                    new JsonObject { ["status"] = "one", ["message"] = "set" }
                );
                break;
            case "id":
                o["id"] = 12;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation));
        }
        var result = BitstringStatusListEntry.Parse(entry);
        Assert.False(result.IsSuccess);
        Assert.Equal(expectedCode, result.Error!.Code);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void EdTechRevocationList_ValidatorSample_IsRecognisedAndLookedUp()
    {
        var credential = LoadJson(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "credential-status-revoked.json"
        );
        var status = credential["credentialStatus"];
        Assert.True(EdTechRevocationList.IsEntry(status));
        Assert.False(BitstringStatusListEntry.IsStatusListEntry(status));
        Assert.Empty(BitstringStatusListEntry.ParseAll(status));
        var url = EdTechRevocationList.ListUrlOf(status);
        Assert.Equal(
            "https://dc.1edtech.org/wellspring2022/wellspring-portal/api/revocations/da1e96e9-afcc-4eed-b9a2-2ddf7353214c",
            url.Value.ToString()
        );

        var id = credential["id"]!.GetValue<string>();
        var list = new JsonObject
        {
            ["id"] = url.Value.ToString(),
            ["issuer"] = "did:web:dc.1edtech.org",
            ["revokedCredentials"] = new JsonArray(
                new JsonObject { ["id"] = "urn:uuid:other", ["revoked"] = true },
                new JsonObject { ["id"] = id, ["revocationReason"] = "Issued in error" }
            ),
        };
        var revoked = EdTechRevocationList.Check(id, list);
        Assert.True(revoked.Value.Revoked);
        Assert.Equal("Issued in error", revoked.Value.Reason);

        Assert.False(EdTechRevocationList.Check("urn:uuid:not-listed", list).Value.Revoked);

        list["revokedCredentials"]![1]!["revoked"] = false;
        Assert.False(EdTechRevocationList.Check(id, list).Value.Revoked);

        Assert.False(EdTechRevocationList.Check(id, new JsonObject()).Value.Revoked);
        Assert.Equal(
            StatusErrors.RevocationListMalformed,
            EdTechRevocationList
                .Check(id, new JsonObject { ["revokedCredentials"] = "x" })
                .Error?.Code
        );
        Assert.Equal(
            StatusErrors.RevocationListNoCredentialId,
            EdTechRevocationList.Check(null, list).Error?.Code
        );
    }
}
