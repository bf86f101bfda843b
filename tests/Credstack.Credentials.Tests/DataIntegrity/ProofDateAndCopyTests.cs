using System.Globalization;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// The fast paths of proof creation: the date of <c>created</c> is formatted and parsed without the general
/// .NET parser for its common form (same results as the general one), and the secured document shares
/// nothing with the caller's, whose later changes do not reach it.
/// </summary>
public sealed class ProofDateAndCopyTests
{
    [Theory]
    [InlineData("2024-01-01T00:00:00Z")]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-00-10T00:00:00Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T23:60:00Z")]
    [InlineData("2024-01-01T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00z")]
    [InlineData("2024-1-01T00:00:00ZZ")]
    [InlineData("2024-01-01T00:00:0xZ")]
    [InlineData("2024-01-01T00:00:00+01:00")]
    [InlineData("2024-01-01T00:00:00.5Z")]
    public void TryParseDateTime_AgreesWithTheGeneralParser(string text)
    {
        var general = DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var expected
        );

        var parsed = DataIntegrityProofs.TryParseDateTime(text, out var value);

        Assert.Equal(general, parsed);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(1, 1, 1, 0, 0, 0, 0)]
    [InlineData(2024, 1, 1, 0, 0, 0, 0)]
    [InlineData(2024, 12, 31, 23, 59, 59, 0)]
    [InlineData(2024, 6, 15, 9, 5, 7, 2)]
    [InlineData(9999, 12, 31, 20, 0, 0, -3)]
    public void FormatDateTime_WritesUtcToTheSecond(
        int year,
        int month,
        int day,
        int hour,
        int minute,
        int second,
        int offsetHours
    )
    {
        var time = new DateTimeOffset(
            year,
            month,
            day,
            hour,
            minute,
            second,
            TimeSpan.FromHours(offsetHours)
        ).AddTicks(1234567);

        Assert.Equal(
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DataIntegrityProofs.FormatDateTime(time)
        );
    }

    [Theory]
    [InlineData(DataIntegritySuites.EddsaJcs2022)]
    [InlineData(DataIntegritySuites.EddsaRdfc2022)]
    public void AddProof_LaterChangesToTheInput_DoNotReachTheSecuredDocument(string suite)
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key);
        var options = new ProofOptions
        {
            Cryptosuite = suite,
            Created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var input = EddsaVectorTests.Unsigned();
        var inputText = input.ToJsonString();

        var secured = DataIntegrityProofs.AddProof(input, options, signer);
        var securedText = secured.ToJsonString();

        Assert.Equal(inputText, input.ToJsonString());
        // Change the input everywhere: members, nested values, arrays.
        Mutate(input);
        Assert.NotEqual(inputText, input.ToJsonString());
        Assert.Equal(securedText, secured.ToJsonString());
        var prepared = DataIntegrityProofs.PrepareProof(secured, (JsonObject)secured["proof"]!);
        Assert.True(
            prepared.Value is { } p && DataIntegrityProofs.VerifySignature(p, key.PublicKey)
        );
    }

    private static void Mutate(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj.ToList())
                {
                    Mutate(value);
                }
                obj["added"] = "after signing";
                break;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    Mutate(item);
                }
                array.Add("after signing");
                break;
        }
    }
}
