using System.Formats.Cbor;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Tests.Verification;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// ecdsa-sd-2023 derived proofs (VC DI ECDSA 1.0 §3.6.7) on 1EdTech's sample ob30/sd/derivedcredential.json,
/// which 1EdTech's validator and the JS reference implementation find valid, and on tampered and malformed
/// variants of it.
/// </summary>
public sealed class EcdsaSd2023Tests
{
    private const string SampleId = "ob30/sd/derivedcredential.json";

    // The sample's verificationMethod is https://1edtech.edu/issuers/565049#<multikey>: its fragment is
    // the issuer's P-256 Multikey (the samples test supplies the controller document listing it).
    private static readonly VerificationKey IssuerKey = VerificationKey.FromMultikey(
        "zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9"
    );

    private static JsonObject LoadSample() =>
        (JsonObject)JsonNode.Parse(Samples.LoadBytes(SampleId))!;

    private static JsonObject ProofOf(JsonObject document) =>
        (JsonObject)((JsonArray)document["proof"]!)[0]!;

    private static ProofResult<EcdsaSdPreparedProof> Prepare(
        JsonObject document,
        ProofExpectations? expectations = null
    ) => EcdsaSd2023.PrepareDerivedProof(document, ProofOf(document), expectations);

    private static bool Verifies(JsonObject document)
    {
        var prepared = Prepare(document);
        return prepared.Success && EcdsaSd2023.VerifyDerivedProof(prepared.Value, IssuerKey);
    }

    [Fact]
    public async Task Verifier_SampleIsValid_AndAChangedDisclosedValueIsInvalidNamingTheProof()
    {
        var verifier = VerifierSetup.Create(OneEdTechSamplesVerifierTests.ControllerDocuments());
        var document = LoadSample();

        var report = await verifier.VerifyAsync(document.ToJsonString());
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Contains(report.Checks, c => c.Message == "valid ecdsa-sd-2023 signature");

        document["issuer"]!["name"] = "Example Corp (changed)";
        var changed = await verifier.VerifyAsync(document.ToJsonString());
        Assert.Equal(Verdict.Invalid, changed.Verdict);
        Assert.Equal(VerificationCodes.ProofSignatureInvalid, VerifierSetup.FirstProblem(changed));
    }

    [Fact]
    public void Sample_Verifies_WithTheIssuerKeyOfItsVerificationMethod()
    {
        var document = LoadSample();
        var prepared = Prepare(document);

        Assert.True(prepared.Success, prepared.Problem?.Message);
        var value = prepared.Value;
        Assert.Equal(
            "https://1edtech.edu/issuers/565049#zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9",
            value.VerificationMethod
        );
        Assert.Equal("assertionMethod", value.ProofPurpose);
        Assert.Equal(value.NonMandatory.Count, value.Signatures.Count);
        Assert.NotEmpty(value.NonMandatory);
        Assert.All(value.Mandatory.Concat(value.NonMandatory), q => Assert.EndsWith(" .\n", q));
        // The canonical labels are gone: every blank node carries its label-map label.
        Assert.DoesNotContain(
            value.Mandatory.Concat(value.NonMandatory),
            q => q.Contains("_:c14n")
        );
        Assert.Equal(35, value.PublicKey.Length);
        Assert.Equal(32 + 35 + 32, value.SignData.Length);
        Assert.True(EcdsaSd2023.VerifyDerivedProof(value, IssuerKey));
    }

    [Fact]
    public void Sample_CallerDocumentIsNotModified()
    {
        var document = LoadSample();
        var before = document.ToJsonString();

        Assert.True(Verifies(document));
        Assert.Equal(before, document.ToJsonString());
    }

    [Fact]
    public void Sample_OtherP256Key_DoesNotVerify()
    {
        using var other = SigningKey.Generate(KeyType.P256);
        var prepared = Prepare(LoadSample());

        Assert.True(prepared.Success);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, other.PublicKey));
    }

    [Fact]
    public void Sample_Ed25519IssuerKey_DoesNotVerify()
    {
        using var ed = SigningKey.Generate(KeyType.Ed25519);
        var prepared = Prepare(LoadSample());

        Assert.True(prepared.Success);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, ed.PublicKey));
    }

    public static TheoryData<string> DisclosedValueChanges =>
        new() { "name", "description", "narrative", "validFrom", "issuerName", "subjectId" };

    [Theory]
    [MemberData(nameof(DisclosedValueChanges))]
    public void Tampered_DisclosedValueChanged_DoesNotVerify(string what)
    {
        var document = LoadSample();
        var achievement = (JsonObject)document["credentialSubject"]!["achievement"]!;
        switch (what)
        {
            case "name":
                achievement["name"] = "Teamwork!";
                break;
            case "description":
                achievement["description"] = "Something else.";
                break;
            case "narrative":
                achievement["criteria"]!["narrative"] = "Anyone may have it.";
                break;
            case "validFrom":
                document["validFrom"] = "2011-01-01T00:00:00Z";
                break;
            case "issuerName":
                document["issuer"]!["name"] = "Other Corp";
                break;
            case "subjectId":
                document["credentialSubject"]!["id"] = "did:example:someone-else";
                break;
        }

        Assert.False(Verifies(document));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("description")]
    [InlineData("criteria")]
    public void Tampered_DisclosedClaimDropped_DoesNotVerify(string member)
    {
        var document = LoadSample();
        ((JsonObject)document["credentialSubject"]!["achievement"]!).Remove(member);

        Assert.False(Verifies(document));
    }

    [Fact]
    public void Tampered_ClaimAdded_DoesNotVerify()
    {
        var document = LoadSample();
        document["credentialSubject"]!["achievement"]!["image"] = new JsonObject
        {
            ["id"] = "https://example.com/badge.png",
            ["type"] = "Image",
        };

        Assert.False(Verifies(document));
    }

    [Fact]
    public void Tampered_ProofConfigurationChanged_DoesNotVerify()
    {
        var document = LoadSample();
        ProofOf(document)["created"] = "2010-01-02T19:23:24Z";

        Assert.False(Verifies(document));
    }

    [Fact]
    public void Tampered_StatementMadeMandatory_DoesNotVerify()
    {
        // A selectively disclosed statement declared mandatory, its signature dropped so that the counts
        // still agree: the mandatory hash no longer matches what the issuer signed.
        var document = LoadSample();
        var prepared = Prepare(document);
        Assert.True(prepared.Success);
        var first = prepared.Value.NonMandatory[0];
        var all = prepared
            .Value.Mandatory.Concat(prepared.Value.NonMandatory)
            .Order(StringComparer.Ordinal)
            .ToList();
        var parts = Decode(document);
        parts.MandatoryIndexes.Add(all.IndexOf(first));
        parts.Signatures.RemoveAt(0);
        SetProofValue(document, Encode(parts));

        var tampered = Prepare(document);
        Assert.True(tampered.Success, tampered.Problem?.Message);
        Assert.Single(tampered.Value.Mandatory);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(tampered.Value, IssuerKey));
    }

    [Fact]
    public void Tampered_MandatoryIndexAdded_DoesNotVerify()
    {
        var document = LoadSample();
        var parts = Decode(document);
        parts.MandatoryIndexes.Add(0);
        SetProofValue(document, Encode(parts));

        Assert.False(Verifies(document));
    }

    [Fact]
    public void MandatoryIndexBeyondTheStatements_ChangesNothing()
    {
        // createVerifyData (§3.5.9 step 7) asks only whether an index is in mandatoryIndexes: one that
        // names no statement selects nothing.
        var document = LoadSample();
        var parts = Decode(document);
        parts.MandatoryIndexes.Add(10_000);
        SetProofValue(document, Encode(parts));

        Assert.True(Verifies(document));
    }

    [Fact]
    public void Tampered_SignatureByte_DoesNotVerify()
    {
        var document = LoadSample();
        var parts = Decode(document);
        parts.Signatures[^1][10] ^= 0x01;
        SetProofValue(document, Encode(parts));

        var prepared = Prepare(document);
        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, IssuerKey));
    }

    [Fact]
    public void Tampered_SignaturesSwapped_DoesNotVerify()
    {
        var document = LoadSample();
        var parts = Decode(document);
        Assert.True(parts.Signatures.Count >= 2);
        (parts.Signatures[0], parts.Signatures[1]) = (parts.Signatures[1], parts.Signatures[0]);
        SetProofValue(document, Encode(parts));

        Assert.False(Verifies(document));
    }

    [Fact]
    public void Tampered_SignatureDropped_FailsWithACountProblem()
    {
        var document = LoadSample();
        var parts = Decode(document);
        parts.Signatures.RemoveAt(0);
        SetProofValue(document, Encode(parts));

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofSignatureInvalid, prepared.Problem.Code);
        Assert.Contains("signature", prepared.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_BaseSignature_DoesNotVerify()
    {
        var document = LoadSample();
        var parts = Decode(document);
        parts.BaseSignature[5] ^= 0x80;
        SetProofValue(document, Encode(parts));

        var prepared = Prepare(document);
        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, IssuerKey));
    }

    [Fact]
    public void Tampered_ProofScopedKeyReplaced_DoesNotVerify()
    {
        // A holder who re-signs the statements with a key of their own: the base signature binds the
        // issuer's choice of proof-scoped key.
        using var holderKey = SigningKey.Generate(KeyType.P256);
        var document = LoadSample();
        var prepared = Prepare(document);
        Assert.True(prepared.Success);
        var parts = Decode(document);
        parts.PublicKey = Multicodec.Prefix(
            Multicodec.P256Public,
            Multibase.TryDecode(holderKey.PublicKey.ToMultikey(), out var mk) ? mk[2..] : []
        );
        parts.Signatures = prepared
            .Value.NonMandatory.Select(q => holderKey.Sign(System.Text.Encoding.UTF8.GetBytes(q)))
            .ToList();
        SetProofValue(document, Encode(parts));

        var forged = Prepare(document);
        Assert.True(forged.Success, forged.Problem?.Message);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(forged.Value, IssuerKey));
    }

    [Fact]
    public void Tampered_LabelMapValue_DoesNotVerify()
    {
        var document = LoadSample();
        var parts = Decode(document);
        Assert.NotEmpty(parts.LabelMap);
        var first = parts.LabelMap.Keys.Min();
        parts.LabelMap[first][0] ^= 0x01;
        SetProofValue(document, Encode(parts));

        Assert.False(Verifies(document));
    }

    [Fact]
    public void Tampered_LabelMapEntryMissing_FailsNamingTheBlankNode()
    {
        var document = LoadSample();
        var parts = Decode(document);
        parts.LabelMap.Remove(parts.LabelMap.Keys.Max());
        SetProofValue(document, Encode(parts));

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofSignatureInvalid, prepared.Problem.Code);
        Assert.Contains("c14n", prepared.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_LabelMapWithARepeatedLabel_IsRefused()
    {
        // Two canonical blank nodes with one label would be one node of the signed graph.
        var document = LoadSample();
        var parts = Decode(document);
        var (key, label) = parts.LabelMap.First();
        parts.LabelMap[key + 1] = (byte[])label.Clone();
        SetProofValue(document, Encode(parts));

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
        Assert.Contains("same label", prepared.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnusedLabelMapEntry_ChangesNothing()
    {
        var document = LoadSample();
        var parts = Decode(document);
        var label = new byte[32];
        label[0] = 7;
        parts.LabelMap[parts.LabelMap.Keys.Max() + 5] = label;
        SetProofValue(document, Encode(parts));

        Assert.True(Verifies(document));
    }

    [Theory]
    [InlineData(0x00, "base proof")]
    [InlineData(0x02, "0xd9 0x5d 0x02")]
    public void Tampered_Header_IsRefused(byte third, string expected)
    {
        var document = LoadSample();
        var bytes = DecodeProofValue(document);
        bytes[2] = third;
        SetProofValue(document, bytes);

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
        Assert.Contains(expected, prepared.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_HeaderFirstByte_IsRefused()
    {
        var document = LoadSample();
        var bytes = DecodeProofValue(document);
        bytes[0] = 0xd8;
        SetProofValue(document, bytes);

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
    }

    [Theory]
    [InlineData("type", "Ed25519Signature2020", "proof.unsupported-suite")]
    [InlineData("cryptosuite", "ecdsa-rdfc-2019", "proof.unsupported-suite")]
    [InlineData("proofPurpose", "authentication", "proof.purpose-mismatch")]
    [InlineData("created", "yesterday", "proof.date-invalid")]
    [InlineData("previousProof", "urn:uuid:1", "proof.malformed")]
    public void ProofMembers_AreCheckedBeforeTheValue(string member, string value, string code)
    {
        var document = LoadSample();
        ProofOf(document)[member] = value;

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(code, prepared.Problem.Code);
    }

    [Fact]
    public void Expectations_ExpiredProof_IsRefused()
    {
        var document = LoadSample();
        ProofOf(document)["expires"] = "2011-01-01T00:00:00Z";

        var prepared = Prepare(
            document,
            new ProofExpectations { Now = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) }
        );
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofExpired, prepared.Problem.Code);
    }

    [Fact]
    public void Expectations_ChallengeAndDomain_AreChecked()
    {
        var challenge = Prepare(LoadSample(), new ProofExpectations { Challenge = "abc" });
        var domain = Prepare(LoadSample(), new ProofExpectations { Domain = "example.com" });

        Assert.Equal(VerificationCodes.ProofChallengeMismatch, challenge.Problem?.Code);
        Assert.Equal(VerificationCodes.ProofDomainMismatch, domain.Problem?.Code);
    }

    [Fact]
    public void UndefinedTermInDocument_IsASafeModeProblem()
    {
        var document = LoadSample();
        document["credentialSubject"]!["notInTheContext"] = "x";

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofSafeMode, prepared.Problem.Code);
    }

    [Fact]
    public void UnknownRemoteContext_IsContextUnavailable()
    {
        var document = LoadSample();
        ((JsonArray)document["@context"]!).Add("https://example.com/not-bundled/context.json");

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ContextUnavailable, prepared.Problem.Code);
    }

    public static TheoryData<string> GarbageProofValues =>
        new()
        {
            "",
            "u",
            "z3QsA",
            "u!!!!",
            "u2V0",
            "u2V0B",
            // header and truncated CBOR
            Multibase.EncodeBase64Url([0xd9, 0x5d, 0x01, 0x85, 0x58, 0x40, 0x01]),
            // header then an empty array
            Multibase.EncodeBase64Url([0xd9, 0x5d, 0x01, 0x80]),
            // header then a map
            Multibase.EncodeBase64Url([0xd9, 0x5d, 0x01, 0xa0]),
            // header then a tagged array
            Multibase.EncodeBase64Url([0xd9, 0x5d, 0x01, 0xc0, 0x85]),
            // header then an array declaring 2^32 - 1 elements
            Multibase.EncodeBase64Url([0xd9, 0x5d, 0x01, 0x9a, 0xff, 0xff, 0xff, 0xff, 0x00]),
            // header then an array declaring 2^64 - 1 elements
            Multibase.EncodeBase64Url([
                0xd9,
                0x5d,
                0x01,
                0x9b,
                0xff,
                0xff,
                0xff,
                0xff,
                0xff,
                0xff,
                0xff,
                0xff,
                0x00,
            ]),
            // header then a reserved additional-information value
            Multibase.EncodeBase64Url([0xd9, 0x5d, 0x01, 0x9c]),
        };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MoreThanTheMostSignatures_IsAValueEncodingProblem_BeforeAnyIsChecked(
        bool indefinite
    )
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartArray(5);
        writer.WriteByteString(new byte[64]);
        writer.WriteByteString([0x80, 0x24, .. new byte[33]]);
        writer.WriteStartArray(indefinite ? null : EcdsaSd2023.MaxSignatures + 1);
        for (var i = 0; i <= EcdsaSd2023.MaxSignatures; i++)
        {
            writer.WriteByteString(new byte[64]);
        }
        writer.WriteEndArray();
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteStartArray(0);
        writer.WriteEndArray();
        writer.WriteEndArray();
        var document = LoadSample();
        ProofOf(document)["proofValue"] =
            "u"
            + Convert
                .ToBase64String([0xd9, 0x5d, 0x01, .. writer.Encode()])
                .TrimEnd('=')
                .Replace('+', '-')
                .Replace('/', '_');

        var prepared = Prepare(document);

        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
        Assert.Contains("10000", prepared.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GarbageProofValues))]
    public void GarbageProofValue_IsAValueEncodingProblem(string proofValue)
    {
        var document = LoadSample();
        ProofOf(document)["proofValue"] = proofValue;

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
    }

    public static TheoryData<string> MalformedParts =>
        new()
        {
            "baseSignatureShort",
            "baseSignatureText",
            "publicKeyShort",
            "publicKeyNotP256",
            "publicKeyNotOnCurve",
            "publicKeyTagged",
            "signatureShort",
            "signaturesNotArray",
            "signaturesHuge",
            "labelMapNotMap",
            "labelMapNegativeKey",
            "labelMapTextKey",
            "labelMapShortLabel",
            "labelMapDuplicateKey",
            "labelMapHuge",
            "indexesNegative",
            "indexesText",
            "indexesHuge",
            "indexesTooLarge",
            "sixElements",
            "fourElements",
            "trailingByte",
        };

    [Theory]
    [MemberData(nameof(MalformedParts))]
    public void MalformedPart_IsAValueEncodingProblem(string what)
    {
        var document = LoadSample();
        var parts = Decode(document);
        var bytes = Encode(parts, what);
        SetProofValue(document, bytes);

        var prepared = Prepare(document);
        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
    }

    [Fact]
    public void IndefiniteLengthEncoding_OfTheSameValue_Verifies()
    {
        // CBOR allows indefinite-length arrays and maps; the value is the same.
        var document = LoadSample();
        SetProofValue(document, Encode(Decode(document), "indefinite"));

        Assert.True(Verifies(document));
    }

    [Fact]
    public void ReencodedProofValue_Verifies()
    {
        // The test's own CBOR writer round-trips the sample (a check on the helpers the tamper tests use).
        var document = LoadSample();
        SetProofValue(document, Encode(Decode(document)));

        Assert.True(Verifies(document));
    }

    [Fact]
    public void TruncatedProofValues_NeverThrow()
    {
        var document = LoadSample();
        var bytes = DecodeProofValue(document);
        for (var length = 0; length < bytes.Length; length += 7)
        {
            ProofOf(document)["proofValue"] = Multibase.EncodeBase64Url(bytes.AsSpan(0, length));
            var prepared = Prepare(document);
            Assert.False(prepared.Success);
            Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
        }
    }

    [Fact]
    public void FlippedProofValueBytes_NeverThrowAndNeverVerify()
    {
        var document = LoadSample();
        var bytes = DecodeProofValue(document);
        for (var i = 3; i < bytes.Length; i += 13)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x5a;
            SetProofValue(document, copy);
            var prepared = Prepare(document);
            if (prepared.Success)
            {
                Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, IssuerKey));
            }
        }
    }

    [Fact]
    public void RandomlyMutatedProofValues_NeverThrowAndNeverVerify()
    {
        // A fixed seed: the same mutations on every run. Each mutation sets, inserts or deletes one to
        // three bytes after the header, so CBOR lengths, types and contents all get hit. (An edit could in
        // principle give an equivalent value, such as a mandatory index beyond the statements; none of
        // this seed's edits does.)
        var random = new Random(2023);
        var document = LoadSample();
        var original = DecodeProofValue(document);
        for (var round = 0; round < 300; round++)
        {
            var bytes = new List<byte>(original);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(3, bytes.Count);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 1:
                        bytes.Insert(at, (byte)random.Next(256));
                        break;
                    default:
                        bytes.RemoveAt(at);
                        break;
                }
            }
            if (bytes.SequenceEqual(original))
            {
                continue;
            }
            SetProofValue(document, [.. bytes]);
            var prepared = Prepare(document);
            if (prepared.Success)
            {
                Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, IssuerKey));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(prepared.Problem.Message));
            }
        }
    }

    [Fact]
    public void DerivedProofMadeByTheTest_WithMandatoryStatements_Verifies()
    {
        using var issuer = SigningKey.Generate(KeyType.P256);
        var document = DeriveForTest(issuer);

        var prepared = Prepare(document);
        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.NotEmpty(prepared.Value.Mandatory);
        Assert.NotEmpty(prepared.Value.NonMandatory);
        Assert.True(EcdsaSd2023.VerifyDerivedProof(prepared.Value, issuer.PublicKey));
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, IssuerKey));
    }

    [Fact]
    public void DerivedProofMadeByTheTest_MandatoryValueChanged_DoesNotVerify()
    {
        using var issuer = SigningKey.Generate(KeyType.P256);
        var document = DeriveForTest(issuer);
        document["validFrom"] = "2010-01-02T00:00:00Z";

        var prepared = Prepare(document);
        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, issuer.PublicKey));
    }

    [Fact]
    public void DerivedProofMadeByTheTest_MandatoryStatementDropped_DoesNotVerify()
    {
        using var issuer = SigningKey.Generate(KeyType.P256);
        var document = DeriveForTest(issuer);
        document.Remove("validFrom");

        Assert.False(
            Prepare(document) is { Success: true } prepared
                && EcdsaSd2023.VerifyDerivedProof(prepared.Value, issuer.PublicKey)
        );
    }

    [Fact]
    public void P384IssuerKey_DoesNotVerify()
    {
        // ecdsa-sd-2023 with a P-384 issuer hashes with SHA-384; only P-256 issuers are supported.
        using var p384 = SigningKey.Generate(KeyType.P384);
        var prepared = Prepare(LoadSample());

        Assert.True(prepared.Success);
        Assert.False(EcdsaSd2023.VerifyDerivedProof(prepared.Value, p384.PublicKey));
    }

    // A derived proof of the sample's credential built here from the spec's steps with the lower-level
    // primitives (toRdf, RDFC-1.0, text replacement of the canonical labels): the statements about the
    // credential's types, issuer and validFrom are mandatory, the others selectively disclosed.
    private static JsonObject DeriveForTest(SigningKey issuer)
    {
        var document = LoadSample();
        document.Remove("proof");
        var proof = new JsonObject
        {
            ["type"] = "DataIntegrityProof",
            ["cryptosuite"] = "ecdsa-sd-2023",
            ["created"] = "2024-01-01T00:00:00Z",
            ["verificationMethod"] = "did:example:issuer#key-1",
            ["proofPurpose"] = "assertionMethod",
        };
        var safe = new Credstack.LinkedData.JsonLd.JsonLdOptions { SafeMode = true };

        var config = (JsonObject)proof.DeepClone();
        config["@context"] = document["@context"]!.DeepClone();
        var proofHash = System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(
                Credstack.LinkedData.Canonicalization.RdfCanonicalizer.ToCanonicalNQuads(
                    Credstack.LinkedData.JsonLd.JsonLdProcessor.ToRdf(config, safe)
                )
            )
        );

        var canonical = Credstack.LinkedData.Canonicalization.RdfCanonicalizer.Canonicalize(
            Credstack.LinkedData.JsonLd.JsonLdProcessor.ToRdf(document, safe)
        );
        var labels = new SortedDictionary<int, byte[]>();
        foreach (var c14n in canonical.IssuedIdentifiers.Values)
        {
            labels[int.Parse(c14n[4..], System.Globalization.CultureInfo.InvariantCulture)] =
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        }
        var nquads = canonical
            .NQuads.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
                System.Text.RegularExpressions.Regex.Replace(
                    line,
                    "_:c14n([0-9]+)",
                    m =>
                        "_:"
                        + Multibase.EncodeBase64Url(
                            labels[
                                int.Parse(
                                    m.Groups[1].Value,
                                    System.Globalization.CultureInfo.InvariantCulture
                                )
                            ]
                        )
                ) + "\n"
            )
            .Order(StringComparer.Ordinal)
            .ToList();
        var mandatoryIndexes = Enumerable
            .Range(0, nquads.Count)
            .Where(i =>
                nquads[i].Contains("credentials#issuer>", StringComparison.Ordinal)
                || nquads[i].Contains("credentials#validFrom>", StringComparison.Ordinal)
                || nquads[i]
                    .Contains(
                        "22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential>",
                        StringComparison.Ordinal
                    )
            )
            .ToList();
        var mandatory = mandatoryIndexes.Select(i => nquads[i]);
        var nonMandatory = nquads.Where((_, i) => !mandatoryIndexes.Contains(i)).ToList();
        var mandatoryHash = System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Concat(mandatory))
        );

        using var proofScoped = SigningKey.Generate(KeyType.P256);
        Assert.True(Multibase.TryDecode(proofScoped.PublicKey.ToMultikey(), out var publicKey));
        var parts = new Parts
        {
            BaseSignature = issuer.Sign([.. proofHash, .. publicKey, .. mandatoryHash]),
            PublicKey = publicKey,
            Signatures = nonMandatory
                .Select(q => proofScoped.Sign(System.Text.Encoding.UTF8.GetBytes(q)))
                .ToList(),
            LabelMap = labels,
            MandatoryIndexes = mandatoryIndexes,
        };
        proof["proofValue"] = Multibase.EncodeBase64Url(Encode(parts));
        document["proof"] = new JsonArray(proof);
        return document;
    }

    // --- helpers: the derived proof value's parts, decoded and re-encoded -------------------------

    private sealed class Parts
    {
        public required byte[] BaseSignature { get; set; }

        public required byte[] PublicKey { get; set; }

        public required List<byte[]> Signatures { get; set; }

        public required SortedDictionary<int, byte[]> LabelMap { get; init; }

        public required List<int> MandatoryIndexes { get; init; }
    }

    private static byte[] DecodeProofValue(JsonObject document)
    {
        Assert.True(Multibase.TryDecode((string)ProofOf(document)["proofValue"]!, out var bytes));
        return bytes;
    }

    private static void SetProofValue(JsonObject document, byte[] bytes) =>
        ProofOf(document)["proofValue"] = Multibase.EncodeBase64Url(bytes);

    private static Parts Decode(JsonObject document)
    {
        var bytes = DecodeProofValue(document);
        Assert.Equal([0xd9, 0x5d, 0x01], bytes[..3]);
        var reader = new CborReader(bytes.AsMemory(3));
        Assert.Equal(5, reader.ReadStartArray());
        var baseSignature = reader.ReadByteString();
        var publicKey = reader.ReadByteString();
        var signatures = new List<byte[]>();
        var n = reader.ReadStartArray();
        for (var i = 0; i < n; i++)
        {
            signatures.Add(reader.ReadByteString());
        }
        reader.ReadEndArray();
        var labelMap = new SortedDictionary<int, byte[]>();
        var m = reader.ReadStartMap();
        for (var i = 0; i < m; i++)
        {
            var key = reader.ReadInt32();
            labelMap[key] = reader.ReadByteString();
        }
        reader.ReadEndMap();
        var indexes = new List<int>();
        var k = reader.ReadStartArray();
        for (var i = 0; i < k; i++)
        {
            indexes.Add(reader.ReadInt32());
        }
        reader.ReadEndArray();
        reader.ReadEndArray();
        Assert.Equal(0, reader.BytesRemaining);
        return new Parts
        {
            BaseSignature = baseSignature,
            PublicKey = publicKey,
            Signatures = signatures,
            LabelMap = labelMap,
            MandatoryIndexes = indexes,
        };
    }

    // Encodes the parts as a derived proof value, with one defect when `defect` names one.
    private static byte[] Encode(Parts parts, string? defect = null)
    {
        var indefinite = defect == "indefinite";
        var w = new RawCbor();
        w.Array(
            indefinite ? null
            : defect == "sixElements" ? 6
            : defect == "fourElements" ? 4
            : 5
        );
        switch (defect)
        {
            case "baseSignatureShort":
                w.Bytes(parts.BaseSignature[..63]);
                break;
            case "baseSignatureText":
                w.Text("signature");
                break;
            default:
                w.Bytes(parts.BaseSignature);
                break;
        }
        switch (defect)
        {
            case "publicKeyShort":
                w.Bytes(parts.PublicKey[..34]);
                break;
            case "publicKeyNotP256":
                w.Bytes([0x81, 0x24, .. parts.PublicKey[2..]]);
                break;
            case "publicKeyNotOnCurve":
                w.Bytes([0x80, 0x24, 0x04, .. parts.PublicKey[3..]]);
                break;
            case "publicKeyTagged":
                w.Tag(2);
                w.Bytes(parts.PublicKey);
                break;
            default:
                w.Bytes(parts.PublicKey);
                break;
        }
        if (defect == "signaturesNotArray")
        {
            w.Bytes(parts.Signatures[0]);
        }
        else if (defect == "signaturesHuge")
        {
            w.Array(int.MaxValue);
            w.Bytes(parts.Signatures[0]);
            return w.ToProofValue();
        }
        else
        {
            w.Array(indefinite ? null : parts.Signatures.Count);
            for (var i = 0; i < parts.Signatures.Count; i++)
            {
                w.Bytes(
                    defect == "signatureShort" && i == 0
                        ? parts.Signatures[i][..63]
                        : parts.Signatures[i]
                );
            }
            w.End(indefinite);
        }
        if (defect == "labelMapNotMap")
        {
            w.Array(0);
        }
        else if (defect == "labelMapHuge")
        {
            w.Map(int.MaxValue);
            w.UInt(0);
            return w.ToProofValue();
        }
        else
        {
            var extra = defect == "labelMapDuplicateKey" ? 1 : 0;
            w.Map(indefinite ? null : parts.LabelMap.Count + extra);
            var first = true;
            foreach (var (key, label) in parts.LabelMap)
            {
                if (first && defect == "labelMapNegativeKey")
                {
                    w.NegativeOne();
                }
                else if (first && defect == "labelMapTextKey")
                {
                    w.Text("c14n" + key);
                }
                else
                {
                    w.UInt((ulong)key);
                }
                w.Bytes(first && defect == "labelMapShortLabel" ? label[..31] : label);
                if (first && extra == 1)
                {
                    w.UInt((ulong)key);
                    var other = (byte[])label.Clone();
                    other[0] ^= 0xff;
                    w.Bytes(other);
                }
                first = false;
            }
            w.End(indefinite);
        }
        if (defect == "indexesHuge")
        {
            w.Array(int.MaxValue);
            w.UInt(0);
            return w.ToProofValue();
        }
        // A defective index is written first, before the real ones.
        var badIndex = defect is "indexesNegative" or "indexesText" or "indexesTooLarge";
        w.Array(indefinite ? null : parts.MandatoryIndexes.Count + (badIndex ? 1 : 0));
        switch (defect)
        {
            case "indexesNegative":
                w.NegativeOne();
                break;
            case "indexesText":
                w.Text("0");
                break;
            case "indexesTooLarge":
                w.UInt(ulong.MaxValue);
                break;
        }
        foreach (var index in parts.MandatoryIndexes)
        {
            w.UInt((ulong)index);
        }
        w.End(indefinite);
        if (defect == "sixElements")
        {
            w.UInt(0);
        }
        w.End(indefinite);
        var encoded = w.ToProofValue();
        return defect == "trailingByte" ? [.. encoded, 0x00] : encoded;
    }

    /// <summary>A minimal CBOR writer (RFC 8949 §3) that, unlike CborWriter, also writes inconsistent lengths.</summary>
    private sealed class RawCbor
    {
        private readonly List<byte> _bytes = [];

        public void Array(int? count)
        {
            if (count is null)
            {
                _bytes.Add(0x9f);
            }
            else
            {
                Head(4, (ulong)count);
            }
        }

        public void Map(int? count)
        {
            if (count is null)
            {
                _bytes.Add(0xbf);
            }
            else
            {
                Head(5, (ulong)count);
            }
        }

        // The end of an array or map: a "break" byte for an indefinite length, nothing otherwise.
        public void End(bool indefinite)
        {
            if (indefinite)
            {
                _bytes.Add(0xff);
            }
        }

        public void Bytes(byte[] value)
        {
            Head(2, (ulong)value.Length);
            _bytes.AddRange(value);
        }

        public void Text(string value)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
            Head(3, (ulong)utf8.Length);
            _bytes.AddRange(utf8);
        }

        public void UInt(ulong value) => Head(0, value);

        public void NegativeOne() => Head(1, 0);

        public void Tag(ulong tag) => Head(6, tag);

        public byte[] ToProofValue() => [0xd9, 0x5d, 0x01, .. _bytes];

        private void Head(int major, ulong value)
        {
            var m = (byte)(major << 5);
            if (value < 24)
            {
                _bytes.Add((byte)(m | (byte)value));
            }
            else if (value <= byte.MaxValue)
            {
                _bytes.AddRange([(byte)(m | 24), (byte)value]);
            }
            else if (value <= ushort.MaxValue)
            {
                _bytes.AddRange([(byte)(m | 25), (byte)(value >> 8), (byte)value]);
            }
            else if (value <= uint.MaxValue)
            {
                _bytes.Add((byte)(m | 26));
                for (var shift = 24; shift >= 0; shift -= 8)
                {
                    _bytes.Add((byte)(value >> shift));
                }
            }
            else
            {
                _bytes.Add((byte)(m | 27));
                for (var shift = 56; shift >= 0; shift -= 8)
                {
                    _bytes.Add((byte)(value >> shift));
                }
            }
        }
    }
}
