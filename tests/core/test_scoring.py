"""core.scoring: the weighted score both matchers give, and how their criteria are checked."""

from core.scoring import checked, weighted_score


def test_the_score_is_the_weight_earned_over_the_weight_asked():
    # 30 met in full, 10 met by half, 20 not met: 35 of 60.
    assert weighted_score([(30, 1), (10, 0.5), (20, 0)]) == 58


def test_with_nothing_asked_everyone_scores_100():
    assert weighted_score([]) == 100


def test_checks_that_do_not_apply_are_left_out_and_the_rest_keep_their_order():
    checks = (lambda needs: f"first {needs}", lambda needs: None, lambda needs: f"third {needs}")

    assert checked(checks, "x") == ["first x", "third x"]
