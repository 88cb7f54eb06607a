//! The NaN guard both training loops share: a non-finite loss skips its update,
//! and too many of them in a row stop the run with an error that says why.

use super::StepEvent;
use crate::TrainerError;

/// Judges the loss of step `step` (1-based). `Ok(None)`: finite, apply the
/// update. `Ok(Some(Skipped))`: not finite, leave the weights alone. `Err`: the
/// `patience`-th non-finite loss in a row. `in_a_row` is the run's counter.
pub(crate) fn judge(
    loss: f32,
    step: u32,
    in_a_row: &mut u32,
    patience: u32,
) -> Result<Option<StepEvent>, TrainerError> {
    if loss.is_finite() {
        *in_a_row = 0;
        return Ok(None);
    }
    *in_a_row += 1;
    if *in_a_row >= patience {
        return Err(TrainerError::NonFinite {
            in_a_row: *in_a_row,
            step,
        });
    }
    Ok(Some(StepEvent::Skipped { step, loss }))
}
