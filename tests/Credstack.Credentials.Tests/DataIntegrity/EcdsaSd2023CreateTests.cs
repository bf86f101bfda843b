using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Tests.Verification;
using Credstack.Credentials.Verification;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// The issuer's and holder's sides of ecdsa-sd-2023 (VC DI ECDSA 1.0 §3.6.1–3.6.7): a base proof from
/// <see cref="EcdsaSd2023.CreateBaseProof(JsonObject, ProofOptions, IProofSigner, IReadOnlyList{string}, JsonLdOptions?)"/>,
/// proofs derived from it with <see cref="EcdsaSd2023.DeriveProof"/>, checked by the verifier side.
/// </summary>
public sealed class EcdsaSd2023CreateTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Generate(KeyType.P256);

    private static readonly ProofOptions Options = new()
    {
        Cryptosuite = EcdsaSd2023.Cryptosuite,
        Created = TestCredentials.Created,
    };

    public void Dispose() => _key.Dispose();

    private ProofSigner Signer => ProofSigner.ForDidKey(_key);

    private JsonObject Unsigned() =>
        TestCredentials.Unsigned(Signer.VerificationMethod.Split('#')[0]);

    private JsonObject Base(params string[] mandatory) =>
        EcdsaSd2023.CreateBaseProof(Unsigned(), Options, Signer, mandatory);

    private bool Verifies(JsonObject derived)
    {
        var prepared = EcdsaSd2023.PrepareDerivedProof(derived, (JsonObject)derived["proof"]!);
        Assert.True(prepared.Success, prepared.Problem?.Message);
        return EcdsaSd2023.VerifyDerivedProof(prepared.Value, _key.PublicKey);
    }

    private static JsonNode? At(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var part in pointer.Split('/')[1..])
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    public static TheoryData<string, string[], string[], string[], string[]> PointerSets =>
        new()
        {
            // name, mandatory, selective, disclosed, not disclosed
            {
                "nothing optional",
                ["/issuer"],
                [],
                ["/issuer/name", "/id", "/type"],
                ["/name", "/credentialSubject", "/validFrom"]
            },
            {
                "some claims",
                ["/issuer/id"],
                ["/name", "/credentialSubject/achievement/name"],
                ["/name", "/credentialSubject/achievement/name", "/credentialSubject/type"],
                ["/issuer/name", "/credentialSubject/achievement/description", "/validUntil"]
            },
            {
                "array elements",
                [],
                [
                    "/credentialSubject/achievement/alignment/0/targetName",
                    "/credentialSubject/identifier/0",
                ],
                [
                    "/credentialSubject/achievement/alignment/0/targetName",
                    "/credentialSubject/achievement/alignment/0/type",
                    "/credentialSubject/identifier/0/identityHash",
                ],
                ["/credentialSubject/achievement/alignment/0/targetUrl", "/issuer"]
            },
            {
                "nested objects",
                ["/credentialSubject/achievement/criteria"],
                ["/credentialSubject/achievement/image"],
                [
                    "/credentialSubject/achievement/criteria/narrative",
                    "/credentialSubject/achievement/image/caption",
                    "/credentialSubject/achievement/id",
                ],
                ["/credentialSubject/achievement/name", "/credentialSubject/identifier"]
            },
            {
                "the issuer profile",
                [],
                ["/issuer"],
                ["/issuer/id", "/issuer/name", "/issuer/email"],
                ["/credentialSubject", "/name"]
            },
        };

    [Theory]
    [MemberData(nameof(PointerSets))]
    public void BaseThenDerive_Verifies_DisclosingWhatThePointersSelect(
        string name,
        string[] mandatory,
        string[] selective,
        string[] disclosed,
        string[] hidden
    )
    {
        var secured = Base(mandatory);
        var derived = EcdsaSd2023.DeriveProof(secured, selective);

        Assert.True(Verifies(derived), name);
        foreach (var pointer in disclosed)
        {
            Assert.True(
                JsonNode.DeepEquals(At(secured, pointer), At(derived, pointer)),
                $"{name}: {pointer} is disclosed as issued"
            );
            Assert.NotNull(At(derived, pointer));
        }
        foreach (var pointer in hidden)
        {
            Assert.Null(At(derived, pointer));
        }
    }

    [Fact]
    public void DeriveEverything_RevealsTheWholeCredential_AndVerifies()
    {
        var secured = Base("/issuer");
        var unsecured = (JsonObject)secured.DeepClone();
        unsecured.Remove("proof");

        var derived = EcdsaSd2023.DeriveProof(secured, TestCredentials.LeafPointers(unsecured));

        Assert.True(Verifies(derived));
        var revealed = (JsonObject)derived.DeepClone();
        revealed.Remove("proof");
        Assert.True(JsonNode.DeepEquals(unsecured, revealed), revealed.ToJsonString());
        var prepared = EcdsaSd2023.PrepareDerivedProof(derived, (JsonObject)derived["proof"]!);
        Assert.True(prepared.Success);
        // Every statement is disclosed: the issuer's five mandatory ones and a signature for each other one.
        Assert.NotEmpty(prepared.Value.Mandatory);
        Assert.Equal(prepared.Value.NonMandatory.Count, prepared.Value.Signatures.Count);
    }

    [Fact]
    public void DeriveEachLeafAlone_Verifies_AndDisclosesThatLeaf()
    {
        var secured = Base("/issuer/id");
        var unsecured = (JsonObject)secured.DeepClone();
        unsecured.Remove("proof");

        foreach (var pointer in TestCredentials.LeafPointers(unsecured))
        {
            if (pointer.StartsWith("/@context", StringComparison.Ordinal))
            {
                continue;
            }
            var derived = EcdsaSd2023.DeriveProof(secured, [pointer]);

            Assert.True(Verifies(derived), pointer);
            Assert.True(JsonNode.DeepEquals(At(secured, pointer), At(derived, pointer)), pointer);
        }
    }

    [Fact]
    public void BlankNodeIdentifiers_AndAStringIssuer_AreSupported()
    {
        var unsigned = Unsigned();
        var issuer = (string)unsigned["issuer"]!["id"]!;
        unsigned["issuer"] = issuer;
        unsigned["credentialSubject"]!["id"] = "_:subject";
        var secured = EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer"]);

        var derived = EcdsaSd2023.DeriveProof(secured, ["/credentialSubject/achievement/name"]);

        Assert.True(Verifies(derived));
        Assert.Equal(issuer, (string?)derived["issuer"]);
        // A blank node identifier is not disclosed (it names nothing outside the document).
        Assert.Null(derived["credentialSubject"]!["id"]);
    }

    [Fact]
    public void MandatoryStatements_AreAlwaysDisclosed_WithTheTypesOnTheirPath()
    {
        var secured = Base("/credentialSubject/achievement/name");

        var derived = EcdsaSd2023.DeriveProof(secured, []);

        Assert.True(Verifies(derived));
        Assert.Equal("Teamwork", (string?)At(derived, "/credentialSubject/achievement/name"));
        Assert.NotNull(At(derived, "/credentialSubject/type"));
        Assert.NotNull(At(derived, "/credentialSubject/achievement/type"));
        Assert.Null(At(derived, "/credentialSubject/achievement/description"));
        var prepared = EcdsaSd2023.PrepareDerivedProof(derived, (JsonObject)derived["proof"]!);
        Assert.True(prepared.Success);
        Assert.Empty(prepared.Value.Signatures);
        Assert.Contains(
            prepared.Value.Mandatory,
            q => q.Contains("\"Teamwork\"", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void CreateBaseProof_LeavesTheInputAlone_AndWritesABaseProof()
    {
        var unsigned = Unsigned();
        var before = unsigned.DeepClone();

        var secured = EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer"]);

        Assert.True(JsonNode.DeepEquals(before, unsigned));
        var proof = (JsonObject)secured["proof"]!;
        Assert.Equal("DataIntegrityProof", (string?)proof["type"]);
        Assert.Equal("ecdsa-sd-2023", (string?)proof["cryptosuite"]);
        Assert.Equal(Signer.VerificationMethod, (string?)proof["verificationMethod"]);
        Assert.Equal("assertionMethod", (string?)proof["proofPurpose"]);
        Assert.Equal("2025-06-01T12:00:00Z", (string?)proof["created"]);
        Assert.True(
            EcdsaSd2023.TryParseBaseProofValue(
                (string)proof["proofValue"]!,
                out var value,
                out var error
            ),
            error
        );
        Assert.Equal(["/issuer"], value.MandatoryPointers);
        Assert.Equal(32, value.HmacKey.Length);
        Assert.NotEmpty(value.Signatures);
    }

    [Fact]
    public void EachBaseProof_HasItsOwnHmacKeyAndProofScopedKey()
    {
        Assert.True(
            EcdsaSd2023.TryParseBaseProofValue(ProofValue(Base("/issuer")), out var first, out _)
        );
        Assert.True(
            EcdsaSd2023.TryParseBaseProofValue(ProofValue(Base("/issuer")), out var second, out _)
        );

        Assert.NotEqual(first.HmacKey, second.HmacKey);
        Assert.NotEqual(first.PublicKey, second.PublicKey);
    }

    [Fact]
    public void Derive_IsDeterministic_AndLeavesTheBaseDocumentAlone()
    {
        var secured = Base("/issuer");
        var before = secured.DeepClone();

        var first = EcdsaSd2023.DeriveProof(secured, ["/name"]);
        var second = EcdsaSd2023.DeriveProof(secured, ["/name"]);

        Assert.True(JsonNode.DeepEquals(before, secured));
        Assert.Equal(ProofValue(first), ProofValue(second));
    }

    [Fact]
    public void GivenKeys_TheStatementsAndTheirSignaturesAreReproduced()
    {
        // The HMAC key fixes the blank node labels and the grouping; the proof-scoped key's signatures differ
        // (ECDSA is randomized here) but a derived proof from either base proof reveals the same statements.
        var hmacKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var proofKey = SigningKey.Generate(KeyType.P256);
        JsonObject Create() =>
            EcdsaSd2023.CreateBaseProof(
                Unsigned(),
                Options,
                Signer,
                ["/issuer"],
                hmacKey,
                proofKey,
                null
            );
        var one = EcdsaSd2023.DeriveProof(Create(), ["/name"]);
        var two = EcdsaSd2023.DeriveProof(Create(), ["/name"]);

        var p1 = EcdsaSd2023.PrepareDerivedProof(one, (JsonObject)one["proof"]!);
        var p2 = EcdsaSd2023.PrepareDerivedProof(two, (JsonObject)two["proof"]!);
        Assert.True(p1.Success && p2.Success);
        Assert.Equal(p1.Value.Mandatory, p2.Value.Mandatory);
        Assert.Equal(p1.Value.NonMandatory, p2.Value.NonMandatory);
        Assert.Equal(p1.Value.PublicKey, p2.Value.PublicKey);
        Assert.True(Verifies(one));
        Assert.True(Verifies(two));
    }

    [Fact]
    public async Task Verifier_DerivedCredentialFromADidKeyP256Issuer_IsValid()
    {
        var secured = Base(
            "/issuer",
            "/name",
            "/validFrom",
            "/validUntil",
            "/credentialSubject/achievement"
        );
        var derived = EcdsaSd2023.DeriveProof(secured, ["/credentialSubject/identifier/0"]);

        var report = await VerifierSetup.Create().VerifyAsync(derived.ToJsonString());

        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Contains(report.Checks, c => c.Message == "valid ecdsa-sd-2023 signature");
    }

    [Fact]
    public async Task Verifier_TamperedDerivedCredential_IsInvalid()
    {
        var secured = Base("/issuer", "/name", "/validFrom", "/validUntil");
        var derived = EcdsaSd2023.DeriveProof(secured, ["/credentialSubject/achievement"]);
        var verifier = VerifierSetup.Create();

        var changed = (JsonObject)derived.DeepClone();
        changed["credentialSubject"]!["achievement"]!["name"] = "Leadership";
        var report = await verifier.VerifyAsync(changed.ToJsonString());
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ProofSignatureInvalid, VerifierSetup.FirstProblem(report));

        // Adding back a statement that was not disclosed is a change too.
        var added = (JsonObject)derived.DeepClone();
        added["credentialSubject"]!["identifier"] = At(secured, "/credentialSubject/identifier")!
            .DeepClone();
        var prepared = EcdsaSd2023.PrepareDerivedProof(added, (JsonObject)added["proof"]!);
        Assert.False(
            prepared.Success && EcdsaSd2023.VerifyDerivedProof(prepared.Value, _key.PublicKey)
        );
    }

    [Fact]
    public async Task Verifier_RefusesTheBaseProof_SayingItIsForTheHolder()
    {
        var secured = Base("/issuer");

        var report = await VerifierSetup.Create().VerifyAsync(secured.ToJsonString());

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ProofValueEncoding, VerifierSetup.FirstProblem(report));
        Assert.Contains(
            report.Checks,
            c => c.Message.Contains("base proof", StringComparison.Ordinal)
        );
    }

    [Theory]
    [InlineData("/credentialSubject/nothingHere")]
    [InlineData("/credentialSubject/achievement/alignment/5")]
    [InlineData("/name/0")]
    [InlineData("credentialSubject")]
    [InlineData("/issuer/~2")]
    public void CreateBaseProof_MandatoryPointerThatSelectsNothing_IsAnErrorNamingIt(string pointer)
    {
        var error = Assert.Throws<ArgumentException>(() => Base("/issuer", pointer));

        Assert.Contains($"'{pointer}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeriveProof_SelectivePointerThatSelectsNothing_IsAnErrorNamingIt()
    {
        var secured = Base("/issuer");

        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.DeriveProof(secured, ["/name", "/credentialSubject/missing"])
        );

        Assert.Contains("'/credentialSubject/missing'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyType.P384)]
    [InlineData(KeyType.Ed25519)]
    public void CreateBaseProof_NonP256Signer_IsRefusedNamingTheSigner(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var signer = new ProofSigner(key, $"did:example:issuer#{type}");

        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.CreateBaseProof(Unsigned(), Options, signer, ["/issuer"])
        );

        Assert.Equal("signer", error.ParamName);
        Assert.Contains(signer.VerificationMethod, error.Message, StringComparison.Ordinal);
        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBaseProof_OtherCryptosuiteInTheOptions_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.CreateBaseProof(
                Unsigned(),
                new ProofOptions { Cryptosuite = DataIntegritySuites.EcdsaRdfc2019 },
                Signer,
                []
            )
        );

        Assert.Contains("ecdsa-rdfc-2019", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProof_WithEcdsaSd2023_PointsToCreateBaseProof()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DataIntegrityProofs.AddProof(Unsigned(), Options, Signer)
        );

        Assert.Contains("CreateBaseProof", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBaseProof_PropertyTheProofWouldNotCover_IsRefusedNamingIt()
    {
        var unsigned = Unsigned();
        unsigned["credentialSubject"]!["id"] = "not an absolute IRI";

        var error = Assert.Throws<JsonLdException>(() =>
            EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer"])
        );

        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, error.Code);
        Assert.Contains("not an absolute IRI", error.Message, StringComparison.Ordinal);
    }

    // OB 3.0 ResultDescription.allowedValue is a JSON-LD list (@container @list): its cells are blank nodes.
    private JsonObject WithResultDescription()
    {
        var unsigned = Unsigned();
        unsigned["credentialSubject"]!["achievement"]!["resultDescription"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "https://example.edu/achievements/teamwork/results/grade",
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = "Grade",
                ["resultType"] = "LetterGrade",
                ["allowedValue"] = new JsonArray("A", "B", "C"),
            }
        );
        return unsigned;
    }

    [Theory]
    [InlineData("/credentialSubject/achievement/resultDescription/0/allowedValue")]
    [InlineData("/credentialSubject/achievement/resultDescription")]
    [InlineData("/credentialSubject/achievement")]
    public void JsonLdList_SelectedWhole_Verifies(string pointer)
    {
        var secured = EcdsaSd2023.CreateBaseProof(
            WithResultDescription(),
            Options,
            Signer,
            ["/issuer"]
        );

        var derived = EcdsaSd2023.DeriveProof(secured, [pointer]);

        Assert.True(Verifies(derived));
        Assert.True(
            JsonNode.DeepEquals(
                At(secured, "/credentialSubject/achievement/resultDescription/0/allowedValue"),
                At(derived, "/credentialSubject/achievement/resultDescription/0/allowedValue")
            )
        );
    }

    [Fact]
    public void JsonLdList_Mandatory_IsDisclosedAndVerifies()
    {
        var secured = EcdsaSd2023.CreateBaseProof(
            WithResultDescription(),
            Options,
            Signer,
            ["/credentialSubject/achievement/resultDescription/0/allowedValue"]
        );

        var derived = EcdsaSd2023.DeriveProof(secured, []);

        Assert.True(Verifies(derived));
        Assert.Equal(
            3,
            At(derived, "/credentialSubject/achievement/resultDescription/0/allowedValue")!
                .AsArray()
                .Count
        );
    }

    [Fact]
    public void JsonLdList_PartOfIt_IsAnErrorNamingThePointer()
    {
        var secured = EcdsaSd2023.CreateBaseProof(
            WithResultDescription(),
            Options,
            Signer,
            ["/issuer"]
        );
        var pointer = "/credentialSubject/achievement/resultDescription/0/allowedValue/1";

        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.DeriveProof(secured, ["/name", pointer])
        );

        Assert.Contains($"'{pointer}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBaseProof_ListOfLists_IsRefusedWithTheReason()
    {
        var unsigned = Unsigned();
        unsigned["credentialSubject"]!["achievement"]!["tag"] = new JsonObject
        {
            ["@list"] = new JsonArray(new JsonObject { ["@list"] = new JsonArray("one", "two") }),
        };

        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer"])
        );

        Assert.Contains("list of lists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBaseProof_BlankNodeReference_IsRefusedWithTheReason()
    {
        var unsigned = Unsigned();
        unsigned["credentialSubject"]!["id"] = "_:subject";
        unsigned["evidence"] = "_:subject";

        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer"])
        );

        Assert.Contains("reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphObject_IsNamedLikeANode_AndVerifies()
    {
        var unsigned = Unsigned();
        unsigned["@context"]!
            .AsArray()
            .Add(new JsonObject { ["@vocab"] = "https://example.org/v#" });
        unsigned["credentialSubject"]!["claim"] = new JsonObject
        {
            ["@graph"] = new JsonObject { ["label"] = "inner", ["size"] = 3 },
        };
        var secured = EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer"]);

        Assert.True(Verifies(EcdsaSd2023.DeriveProof(secured, ["/credentialSubject/claim"])));
        Assert.True(
            Verifies(EcdsaSd2023.DeriveProof(secured, ["/credentialSubject/claim/@graph/label"]))
        );
    }

    [Fact]
    public void DeriveProof_DocumentWithoutAnEcdsaSdProof_IsRefused()
    {
        var unsigned = Unsigned();
        Assert.Contains(
            "no ecdsa-sd-2023 proof",
            Assert
                .Throws<ArgumentException>(() => EcdsaSd2023.DeriveProof(unsigned, ["/name"]))
                .Message,
            StringComparison.Ordinal
        );

        var eddsa = TestCredentials.Sign(Unsigned(), DataIntegritySuites.EddsaRdfc2022);
        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSd2023.DeriveProof(eddsa, ["/name"])
        );
        Assert.Contains("eddsa-rdfc-2022", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeriveProof_FromADerivedProof_IsRefusedSayingSo()
    {
        var derived = EcdsaSd2023.DeriveProof(Base("/issuer"), ["/name"]);

        var error = Assert.Throws<FormatException>(() => EcdsaSd2023.DeriveProof(derived, []));

        Assert.Contains("derived proof", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> MalformedBaseValues =>
        new()
        {
            "zNotBase64Url",
            "u",
            "u!!!",
            "uAAAA",
            // The header and then not CBOR.
            "u2V0A_w",
            // The header and an array of 2 elements.
            "u2V0AggEC",
            // The header and an empty array.
            "u2V0AgA",
        };

    [Theory]
    [MemberData(nameof(MalformedBaseValues))]
    public void DeriveProof_MalformedBaseProofValue_IsAFormatException(string proofValue)
    {
        var secured = Base("/issuer");
        secured["proof"]!["proofValue"] = proofValue;

        var error = Assert.Throws<FormatException>(() =>
            EcdsaSd2023.DeriveProof(secured, ["/name"])
        );

        Assert.StartsWith(
            "the base proof value is malformed: ",
            error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void DeriveProof_TruncatedBaseProofValue_IsAFormatException()
    {
        var secured = Base("/issuer");
        var value = ProofValue(secured);
        secured["proof"]!["proofValue"] = value[..(value.Length / 2)];

        Assert.Throws<FormatException>(() => EcdsaSd2023.DeriveProof(secured, ["/name"]));
    }

    [Fact]
    public void DeriveProof_DocumentChangedAfterIssuing_IsAFormatExceptionSayingSo()
    {
        var secured = Base("/issuer");
        secured["credentialSubject"]!["achievement"]!["name"] = "Leadership";

        var error = Assert.Throws<FormatException>(() =>
            EcdsaSd2023.DeriveProof(secured, ["/name"])
        );

        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pointers_WithEscapes_SelectKeysWithTildesAndSlashes()
    {
        Assert.Equal(["a/b", "c~d", "~1"], JsonLdSelection.ParsePointer("/a~1b/c~0d/~01"));
        var unsigned = Unsigned();
        unsigned["@context"]!
            .AsArray()
            .Add(new JsonObject { ["c~d"] = "https://example.org/vocab#cd" });
        unsigned["credentialSubject"]!["c~d"] = "tilde";
        var secured = EcdsaSd2023.CreateBaseProof(unsigned, Options, Signer, ["/issuer/id"]);

        var derived = EcdsaSd2023.DeriveProof(secured, ["/credentialSubject/c~0d"]);

        Assert.True(Verifies(derived));
        Assert.Equal("tilde", (string?)derived["credentialSubject"]!["c~d"]);
        Assert.Null(derived["credentialSubject"]!["identifier"]);
    }

    private static string ProofValue(JsonObject document) =>
        (string)document["proof"]!["proofValue"]!;
}
