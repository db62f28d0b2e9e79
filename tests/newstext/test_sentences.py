"""The one sentence splitter every plugin uses, on real sentences of the seed and the corpus."""

import pytest
from newstext.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the seed: "MM." is no sentence end
            "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se sont "
            "retrouvés au cosmodrome russe de Vostotchny, dans l’est de la Russie. MM. Kim et "
            "Poutine se sont entretenus pendant deux heures.",
            [
                "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se "
                "sont retrouvés au cosmodrome russe de Vostotchny, dans l’est de la Russie.",
                "MM. Kim et Poutine se sont entretenus pendant deux heures.",
            ],
        ),
        (  # the seed: a quotation stays in the sentence that quotes it
            "« Nous serons toujours avec la Russie »,a-t-il ajouté. Tous les sujets sont sur la "
            "table.",
            [
                "« Nous serons toujours avec la Russie »,a-t-il ajouté.",
                "Tous les sujets sont sur la table.",
            ],
        ),
        (  # en/2005-03-06: a title before a name
            "Days after Sen. McCain's remarks, the Air Force said the contract would be revived.",
            ["Days after Sen. McCain's remarks, the Air Force said the contract would be revived."],
        ),
        (  # initials and dotted abbreviations
            "The U.S. Senate voted. J. Smith left.",
            ["The U.S. Senate voted.", "J. Smith left."],
        ),
        (  # a line break always ends a sentence
            "Premier paragraphe sans point\nSecond paragraphe.",
            ["Premier paragraphe sans point", "Second paragraphe."],
        ),
        (  # a sentence ending inside the quotation
            "Il a dit « oui. » Puis il est parti.",
            ["Il a dit « oui. »", "Puis il est parti."],
        ),
    ],
)
def test_split_sentences(text, expected):
    assert [sentence for _, sentence in split_sentences(text)] == expected


def test_offsets_point_at_each_sentence():
    text = "Un. Deux !\n  Trois ?"
    assert [(text[o : o + len(s)], s) for o, s in split_sentences(text)] == [
        ("Un.", "Un."),
        ("Deux !", "Deux !"),
        ("Trois ?", "Trois ?"),
    ]
